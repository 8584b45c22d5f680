from django.conf import settings


def site(request):
    """Expose the outlet's name to every template."""
    return {"SITE_NAME": settings.SITE_NAME}
