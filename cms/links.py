import re
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS

# Stands for the slug while an address is reversed once. The routes slug_url serves take their
# slug through the "uslug" or "str" converters (interviews/urls.py, cms/attribution/urls.py);
# a slug in _SLUG_PATTERN matches both, and others are reversed as they always were.
_SLUG = "slug-placeholder"
_SLUG_PATTERN = re.compile(r"[-\w]+")


def absolute_url(request, path):
    """Return path on the site's public address (SITE_URL when set, else the request's host)."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


def slug_url(view, slug, language=None):
    """Return reverse(view, kwargs={"slug": slug}) in an interface language (default: the current).

    The address is reversed once per view and language and the slug put in its place: list pages
    link to dozens of interviews, and reversing each address took longer than the rest of a card.
    """
    language = language or translation.get_language()
    if not _SLUG_PATTERN.fullmatch(slug or ""):
        with translation.override(language):
            return reverse(view, kwargs={"slug": slug})  # raises NoReverseMatch as it always did
    route = _route(view, language, get_script_prefix(), get_urlconf())
    # Quoted as reverse() quotes a path; a slug has no "/".
    return route.replace(_SLUG, quote(slug, safe=RFC3986_SUBDELIMS + "~:@"))


@lru_cache(maxsize=64)
def _route(view, language, script_prefix, urlconf):
    with translation.override(language):
        return reverse(view, urlconf=urlconf, kwargs={"slug": _SLUG})
