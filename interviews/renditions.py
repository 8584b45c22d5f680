"""Resized copies of uploaded images, so pages never send the multi-megabyte original.

Each upload gets WebP renditions a few widths wide, stored under renditions/ in the default
storage (MEDIA_ROOT, or the object storage several app machines share). They are made once: by
a job queued on save (signals.py, interviews/tasks.py), or on first use if a page needs them
before the job has run, and their list is kept in the shared cache. Uploads get fresh random
names (uploads.py), so a name never stands for two different images and the list never goes
stale.
"""

import contextlib
import contextvars
import hashlib
import io
import logging
import time
from pathlib import PurePosixPath

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

WIDTHS = (240, 480, 960, 1600)
QUALITY = 80
FOLDER = "renditions"


# While set, renditions() does not make missing renditions: an editor's save leaves them to a job.
_deferred = contextvars.ContextVar("renditions_deferred", default=False)


@contextlib.contextmanager
def deferred():
    """Within this block, treat images whose renditions are not made yet as unavailable."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def rendition_name(name, width):
    path = PurePosixPath(name)
    return str(PurePosixPath(FOLDER) / path.parent / f"{path.stem}-{width}w.webp")


def _cache_key(name):
    return "renditions:" + hashlib.sha256(name.encode()).hexdigest()


def make_renditions(name):
    """Write the missing renditions of a stored image; return [(name, width, height)], smallest first."""
    storage = default_storage
    with storage.open(name, "rb") as original, Image.open(original) as opened:
        image = ImageOps.exif_transpose(opened)
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    widths = [width for width in WIDTHS if width < image.width] + [min(image.width, WIDTHS[-1])]
    made = []
    for width in sorted(set(widths)):
        height = max(1, round(image.height * width / image.width))
        copy = rendition_name(name, width)
        if not storage.exists(copy):
            buffer = io.BytesIO()
            image.resize((width, height), Image.Resampling.LANCZOS).save(buffer, "WEBP", quality=QUALITY)
            storage.save(copy, ContentFile(buffer.getvalue()))
        made.append((copy, width, height))
    cache.set(_cache_key(name), made, timeout=None)
    return made


def known(name):
    """Return whether an image's renditions are made and listed."""
    return cache.get(_cache_key(name)) is not None


def renditions(field_file):
    """Return [(url, width, height)] for an image, smallest first, making them on first use."""
    if not field_file:
        return []
    key = _cache_key(field_file.name)
    made = cache.get(key)
    if made is None and _deferred.get():
        return []
    if made is None:
        # Two readers arriving together should not both resize a large upload: one waits.
        if cache.add(key + ":lock", 1, timeout=60):
            try:
                made = make_renditions(field_file.name)
            except Exception:
                logger.warning("No renditions for %s", field_file.name, exc_info=True)
                made = []
            finally:
                cache.delete(key + ":lock")
        else:
            for _ in range(50):
                time.sleep(0.1)
                made = cache.get(key)
                if made is not None:
                    break
    return [(default_storage.url(name), width, height) for name, width, height in made or []]
