from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms.reports"
    label = "reports"
    verbose_name = "Spelling error reports"

    def ready(self):
        from cms.reports import signals  # noqa: F401
        from cms.reports.notes import render_notes
        from interviews import fragments

        # The page's correction notes, stored with its parts: a view reads nothing for them.
        fragments.register_stored("corrections", "corrections", render_notes)
