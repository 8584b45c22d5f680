"""`check --deploy` warnings for settings under which app processes would not behave as one."""

from django.conf import settings
from django.core import checks

PER_PROCESS = {
    "django.core.cache.backends.locmem.LocMemCache": "a local-memory cache belongs to one process",
    "django.core.cache.backends.dummy.DummyCache": "a dummy cache keeps nothing",
}


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Warn when the cache is not shared by every app process."""
    why = PER_PROCESS.get(settings.CACHES["default"]["BACKEND"])
    if why is None:
        return []
    return [
        checks.Warning(
            f"The default cache is not shared ({why}): each process would keep its own page cache "
            "generation, serving pages older than the last save, and count limits and login lockouts "
            "on its own.",
            hint="Leave CACHE_URL unset (the database cache) on one machine, or set CACHE_URL=redis://….",
            id="pagecache.W001",
        )
    ]


@checks.register(deploy=True)
def jobs_have_a_worker(app_configs, **kwargs):
    """Warn when jobs would run inside the requests that queue them."""
    if "immediate" not in settings.TASKS["default"]["BACKEND"]:
        return []
    return [
        checks.Warning(
            "Jobs run inside the request that queues them (TASKS_BACKEND=immediate): an editor's save "
            "waits for every related list, rendition and purge, and nothing periodic runs.",
            hint="Leave TASKS_BACKEND unset and run `manage.py worker` beside the site.",
            id="pagecache.W002",
        )
    ]
