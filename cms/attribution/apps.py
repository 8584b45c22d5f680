from django.apps import AppConfig


class AttributionConfig(AppConfig):
    name = "cms.attribution"
    label = "attribution"
    verbose_name = "Source attribution"

    def ready(self):
        from cms.attribution import signals  # noqa: F401
        from cms.attribution.source_check import partner_material_names_its_source
        from interviews.publishing_checks import register

        register(partner_material_names_its_source)
