from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(using, **kwargs):
    """Make the database cache's table, when that is the cache, as part of migrate."""
    call_command("createcachetable", database=using, verbosity=0)


class PageCacheConfig(AppConfig):
    name = "cms.pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from cms.pagecache import checks  # noqa: F401 (registers itself)

        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="pagecache-cache-table")
