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


@checks.register(checks.Tags.caches, deploy=True)
def markers_are_kept(app_configs, **kwargs):
    """Warn when Redis may evict the page cache's markers before the pages they outdate."""
    from django.core.cache import caches
    from django_redis import get_redis_connection
    from django_redis.cache import RedisCache

    if not isinstance(caches["default"], RedisCache):
        return []
    try:
        answer = get_redis_connection("default").config_get("maxmemory-policy")
    except Exception:
        return []  # unreachable, or CONFIG refused (as some hosted Redis do): nothing to tell
    policy = answer.get("maxmemory-policy", answer.get(b"maxmemory-policy", b""))
    policy = policy.decode() if isinstance(policy, bytes) else policy
    if not policy.startswith("allkeys-"):
        return []
    return [
        checks.Warning(
            f"Redis evicts any key when full (maxmemory-policy {policy}): it may evict a marker "
            "that outdates a cached page before the page itself, which readers would then get "
            "older than the last save, up to PAGE_CACHE_SECONDS.",
            hint="Use maxmemory-policy noeviction or a volatile-* policy (cms/pagecache/store.py).",
            id="pagecache.W003",
        )
    ]
