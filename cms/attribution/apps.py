from django.apps import AppConfig


class AttributionConfig(AppConfig):
    name = "cms.attribution"
    label = "attribution"
    verbose_name = "Source attribution"

    def ready(self):
        from cms.attribution import signals  # noqa: F401
        from cms.attribution.views import page_attribution
        from interviews import fragments

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
