"""Static files in production: WhiteNoise's hashed, compressed copies, and the check that they exist."""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured


def missing_manifest():
    """Return the path of the hashed names' manifest when production needs it and it is not there."""
    if settings.DEBUG or not isinstance(staticfiles_storage, ManifestFilesMixin):
        return None
    if staticfiles_storage.exists(staticfiles_storage.manifest_name):
        return None
    return staticfiles_storage.path(staticfiles_storage.manifest_name)


def require_manifest():
    """Stop the app server from starting without collected static files, naming the command that fixes it."""
    manifest = missing_manifest()
    if manifest:
        raise ImproperlyConfigured(
            f"The static files manifest {manifest} is missing, so every page would answer 500. "
            "Run `manage.py collectstatic --no-input` (with the same STATIC_ROOT), then start again."
        )
