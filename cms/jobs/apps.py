from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "cms.jobs"
    verbose_name = "Jobs"
