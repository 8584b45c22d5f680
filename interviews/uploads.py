"""Uploaded images: checked for type, size and pixel count, and stored under generated names.

A name the uploader chose is never kept: files get a random name with the extension of the
format Pillow found in them, so they are served with the right content type.
"""

import uuid
import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from PIL import Image

EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
# Pillow refuses (DecompressionBombError) images of more than twice this; the validator, more.
Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS


def image_format(file):
    """Return the format Pillow reads in the file ("JPEG", …), leaving its position at the start."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                return image.format, image.size
    finally:
        file.seek(0)


def validate_image(value):
    """Refuse files that are not JPEG, PNG, WebP or GIF images of a sensible size."""
    if getattr(value, "_committed", True):
        return  # Already stored: checked when it was uploaded.
    if value.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            "This file is %(size)s; images may be at most %(limit)s.",
            code="too_large",
            params={"size": filesizeformat(value.size), "limit": filesizeformat(settings.IMAGE_MAX_BYTES)},
        )
    too_many_pixels = ValidationError(
        "This image has too many pixels (at most %(limit)d million); scale it down first.",
        code="too_many_pixels",
        params={"limit": settings.IMAGE_MAX_PIXELS // 1_000_000},
    )
    try:
        kind, (width, height) = image_format(value.file)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except Exception:
        raise ValidationError("This file is not an image we can read.", code="invalid_image") from None
    if kind not in EXTENSIONS:
        raise ValidationError(
            "Upload a JPEG, PNG, WebP or GIF image; this one is %(kind)s.",
            code="image_type",
            params={"kind": kind or "of an unknown kind"},
        )
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise too_many_pixels


@deconstructible
class GeneratedName:
    """Store an upload as folder/<random>.<ext>, the extension following the image's real format."""

    def __init__(self, folder, field):
        self.folder = folder
        self.field = field

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and (self.folder, self.field) == (other.folder, other.field)

    def __call__(self, instance, filename):
        extension = None
        pending = getattr(instance, self.field, None)
        if pending is not None and not pending._committed:
            try:
                extension = EXTENSIONS.get(image_format(pending.file)[0])
            except Exception:
                extension = None
        if extension is None:
            suffix = PurePath(filename).suffix.lower().replace(".jpeg", ".jpg")
            extension = suffix if suffix in EXTENSIONS.values() else ".bin"
        return f"{timezone.now().strftime(self.folder)}{uuid.uuid4().hex}{extension}"
