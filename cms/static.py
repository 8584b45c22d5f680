"""Static files in production: WhiteNoise's hashed, compressed copies, each address looked up once."""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Remember the hashed address of each file once asked for: every page asks for the same few.

    The manifest is read when the process starts and a deployment's collectstatic restarts it,
    so an address never changes while it is remembered.
    """

    remembered = 1000  # more names than the site's templates use

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        key = (name, force)
        url = self._urls.get(key)
        if url is None:
            if len(self._urls) >= self.remembered:
                self._urls.clear()
            url = self._urls[key] = super().url(name, force)
        return url


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
