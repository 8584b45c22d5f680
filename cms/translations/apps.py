from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "cms.translations"
    label = "translations"
    verbose_name = "Interface translations"
