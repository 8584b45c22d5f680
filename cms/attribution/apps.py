from django.apps import AppConfig


class AttributionConfig(AppConfig):
    name = "cms.attribution"
    label = "attribution"
    verbose_name = "Source attribution"

    def ready(self):
        from cms.attribution import signals  # noqa: F401
        from cms.attribution.source_check import partner_material_names_its_source
        from cms.attribution.views import page_attribution
        from interviews import fragments, publishing_checks

        # Partner material is published only with its source named (interviews/publishing_checks.py).
        publishing_checks.register(partner_material_names_its_source)

        # Every interview page names its canonical address and carries the source notice.
        fragments.register(
            "attribution",
            page_attribution,
            {
                "head": "attribution/_head.html",
                "article": "attribution/_article.html",
                "end": "attribution/_source.html",
            },
        )
