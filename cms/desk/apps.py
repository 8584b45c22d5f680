from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "cms.desk"
    label = "desk"
    verbose_name = "Editor's desk"
