"""Jobs that tests/test_production.py queues for a real worker."""

from pathlib import Path

from cms.jobs.jobs import job


@job
def fail_once(marker):
    """Fail the first time (leaving the marker file), succeed after."""
    path = Path(marker)
    if not path.exists():
        path.write_text("tried")
        raise ConnectionError("the first try always fails")
    return "done"


@job
def always_fail():
    raise ValueError("this job can never work")
