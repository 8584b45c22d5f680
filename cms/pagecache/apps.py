from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "cms.pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from cms.pagecache import signals

        signals.connect()
