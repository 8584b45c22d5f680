from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms.reports"
    label = "reports"
    verbose_name = "Spelling error reports"

    def ready(self):
        from cms.reports import signals  # noqa: F401
