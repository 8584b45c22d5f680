from django.apps import AppConfig


class RolesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms.roles"
    label = "roles"
    verbose_name = "Newsroom roles"
