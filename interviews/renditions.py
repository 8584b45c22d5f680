"""Resized copies of uploaded images, so pages never send the multi-megabyte original.

Each upload gets WebP renditions a few widths wide, stored beside it under renditions/ in the
same storage. They are made once: on save (signals.py), or on first use for older uploads,
and their list is kept in the shared cache. Uploads get fresh random names (uploads.py), so a
name never stands for two different images and the list never goes stale.
"""

import hashlib
import io
import logging
import time
from pathlib import PurePosixPath

from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

WIDTHS = (240, 480, 960, 1600)
QUALITY = 80
FOLDER = "renditions"


def rendition_name(name, width):
    path = PurePosixPath(name)
    return str(PurePosixPath(FOLDER) / path.parent / f"{path.stem}-{width}w.webp")


def _cache_key(name):
    return "renditions:" + hashlib.sha256(name.encode()).hexdigest()


def make_renditions(field_file):
    """Write the missing renditions of an image; return [(name, width, height)], smallest first."""
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as original, Image.open(original) as opened:
        image = ImageOps.exif_transpose(opened)
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    widths = [width for width in WIDTHS if width < image.width] + [min(image.width, WIDTHS[-1])]
    made = []
    for width in sorted(set(widths)):
        height = max(1, round(image.height * width / image.width))
        name = rendition_name(field_file.name, width)
        if not storage.exists(name):
            buffer = io.BytesIO()
            image.resize((width, height), Image.Resampling.LANCZOS).save(buffer, "WEBP", quality=QUALITY)
            storage.save(name, ContentFile(buffer.getvalue()))
        made.append((name, width, height))
    cache.set(_cache_key(field_file.name), made, timeout=None)
    return made


def renditions(field_file):
    """Return [(url, width, height)] for an image, smallest first, making them on first use."""
    if not field_file:
        return []
    key = _cache_key(field_file.name)
    made = cache.get(key)
    if made is None:
        # Two readers arriving together should not both resize a large upload: one waits.
        if cache.add(key + ":lock", 1, timeout=60):
            try:
                made = make_renditions(field_file)
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
    return [(field_file.storage.url(name), width, height) for name, width, height in made or []]
