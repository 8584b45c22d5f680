from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "cms.security"
    verbose_name = "Security"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from cms.security import checks  # noqa: F401 (registers the deployment checks)
        from cms.security.middleware import mark_renewed

        user_logged_in.connect(mark_renewed, dispatch_uid="cms.security.mark_renewed")
