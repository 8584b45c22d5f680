"""Serve uploaded media from the site itself, for a site on one machine (MEDIA_SERVE).

Uploads and their renditions get random names, so each address always means the same bytes:
they are sent with a year's immutable caching. Only the image formats uploads are stored in
are sent as what they are; anything else in the folder is sent as a download, never as a page
a browser would run, and no answer may be sniffed into one.
"""

import posixpath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

# The formats uploads are stored in (interviews/uploads.py), told by their first bytes.
SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
]
IMMUTABLE = "public, max-age=31536000, immutable"


def _image_type(head):
    """Return the content type of an image format told by its first bytes, or None."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for signature, kind in SIGNATURES if head.startswith(signature)), None)


@require_safe
def serve(request, name):
    """Send one stored media file."""
    name = posixpath.normpath(name).lstrip("/")
    if name.startswith("..") or "\x00" in name:
        raise Http404("No such file.")
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError, ValueError):
        raise Http404("No such file.") from None
    content_type = _image_type(handle.read(16))
    handle.seek(0)
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    if content_type is None:
        response["Content-Disposition"] = "attachment"
    response["Cache-Control"] = IMMUTABLE
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
