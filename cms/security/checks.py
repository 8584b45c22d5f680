"""Deployment checks (`manage.py check --deploy`) for what Django's own checks cannot know."""

from django.conf import settings
from django.core import checks

from cms.static import missing_manifest


@checks.register(checks.Tags.security, deploy=True)
def proxy_check(app_configs, **kwargs):
    """Warn when HTTPS is required but no proxy of ours is trusted to say a request came over it."""
    if settings.SECURE_SSL_REDIRECT and not settings.TRUSTED_PROXY_COUNT:
        return [
            checks.Warning(
                "TRUSTED_PROXY_COUNT is 0, so X-Forwarded-Proto is not believed: behind a proxy that ends "
                "TLS every request looks like plain HTTP and is redirected to HTTPS without end.",
                hint="Set TRUSTED_PROXY_COUNT to the number of your proxies (which must set "
                "X-Forwarded-Proto), or let the app server itself serve HTTPS.",
                id="cms.W001",
            )
        ]
    return []


@checks.register(deploy=True)
def static_manifest_check(app_configs, **kwargs):
    """Refuse a production setup whose static files were never collected."""
    manifest = missing_manifest()
    if manifest:
        return [
            checks.Error(
                f"The static files manifest {manifest} is missing: every page would answer 500.",
                hint="Run `manage.py collectstatic --no-input` (with the same STATIC_ROOT) before starting.",
                id="cms.E001",
            )
        ]
    return []
