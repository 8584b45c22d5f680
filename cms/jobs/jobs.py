"""Background jobs: Django's tasks (the django-tasks backport) with retries and periodic runs.

django-tasks runs a task once and records how it ended; it has no retries and no schedule. A
function made a task with @job is retried when it raises: the failed run is recorded with
RetryLater (its cause chained in the traceback) and a new run is queued with a growing delay,
JOB_RETRY_SECONDS times 4 for each attempt before, until JOB_ATTEMPTS; the last failure is
recorded with its own error, which is what the desk lists. @job(every=...) runs a task
periodically: `manage.py worker` queues the first run when none is waiting, and each run queues
the next. Jobs must be idempotent: a retry or a second worker may run one again.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

# module path of each periodic task → its Task and period
PERIODIC = {}


class RetryLater(Exception):
    """A job's run failed and another is queued."""


def retry_delay(attempt):
    """Return how long to wait before the run after the given attempt."""
    return timedelta(seconds=settings.JOB_RETRY_SECONDS * 4 ** (attempt - 1))


def job(function=None, *, every=None, priority=0):
    """Make a task of function that is retried with backoff, and run every `every` if given."""

    def wrap(function):
        def run(context, *args, attempt=1, **kwargs):
            this = context.task_result.task
            deferring = this.get_backend().supports_defer
            try:
                return function(*args, **kwargs)
            except Exception as error:
                if not deferring or attempt >= settings.JOB_ATTEMPTS:
                    raise
                when = timezone.now() + retry_delay(attempt)
                this.using(run_after=when).enqueue(*args, attempt=attempt + 1, **kwargs)
                raise RetryLater(f"attempt {attempt} of {settings.JOB_ATTEMPTS} failed: {error}") from error
            finally:
                if every and deferring:
                    schedule(this, timezone.now() + every)

        # The task keeps the function's name (its module path is how a worker finds it), not
        # functools.wraps' __wrapped__, through which the task's check would miss `context`.
        for name in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(run, name, getattr(function, name))
        made = task(takes_context=True, priority=priority)(run)
        if every:
            PERIODIC[made.module_path] = (made, every)
        return made

    return wrap(function) if function else wrap


def schedule(this, when=None):
    """Queue a run of a periodic task unless one is already waiting."""
    waiting = DBTaskResult.objects.filter(task_path=this.module_path, status=TaskResultStatus.READY)
    if not waiting.exists():
        this.using(run_after=when or timezone.now()).enqueue()


def gave_up():
    """Return the failed runs that will not be tried again, newest first."""
    retried = f"{RetryLater.__module__}.{RetryLater.__qualname__}"
    return DBTaskResult.objects.failed().exclude(exception_class_path=retried).order_by("-finished_at")


def enqueue_unless_waiting(this, *args, **kwargs):
    """Queue a run of a task unless the same one is already waiting (it reads the rows when it runs)."""
    if isinstance(this.get_backend(), DatabaseBackend):
        waiting = DBTaskResult.objects.filter(
            task_path=this.module_path,
            status=TaskResultStatus.READY,
            args_kwargs={"args": list(args), "kwargs": kwargs},
        )
        if waiting.exists():
            return None
    return this.enqueue(*args, **kwargs)
