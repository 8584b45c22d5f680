from django.apps import AppConfig


class AttributionConfig(AppConfig):
    name = "cms.attribution"
    label = "attribution"
    verbose_name = "Source attribution"

    def ready(self):
        from cms.attribution import signals  # noqa: F401
