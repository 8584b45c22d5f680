"""Static files in production: WhiteNoise's hashed, compressed copies, each address looked up once."""

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
