"""A full-page cache for anonymous readers, in the shared cache (Redis in production).

Two halves, like Django's own cache middleware: UpdatePageCacheMiddleware sits near the top, so
it sees the finished response, cookies and headers included, and stores it;
FetchFromPageCacheMiddleware sits right below it and answers from the cache, so a hit skips
sessions, locale, CSRF and authentication, none of which an anonymous reader's cached page needs.
It works out the page's language from the path itself, as LocaleMiddleware would (cms/urls.py:
a language prefix, or none for the default language), and the host check is get_host()'s.

An entry is served while nothing it shows has changed since its page was rendered (the names
each page carries, outdated by the saves that change them: cms/pagecache/store.py) and, since
scheduled interviews go live with no save to announce it, never past the next scheduled
publication. When a popular page is outdated, one request rebuilds it and the others get the
previous copy meanwhile, for PAGE_CACHE_STALE_SECONDS at most.

It knows no app: the settings name the path sections it never caches (PAGE_CACHE_PRIVATE_SECTIONS)
and the function that says when pages next change with no save (PAGE_CACHE_NEXT_CHANGE).
"""

import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import set_response_etag
from django.utils.http import http_date

from cms.pagecache import keys, store

logger = logging.getLogger(__name__)

# Request headers a cached page may vary on; the key covers them (see _key).
HARMLESS_VARY = {"cookie", "accept-language"}
# Cookies that mean the page is about this visitor: a login, or a message waiting to be shown.
PERSONAL_COOKIES = ("messages",)


def _language_sections():
    return {code for code, _name in settings.LANGUAGES}


def is_cacheable_request(request):
    """Return whether this request may be answered from, and stored in, the page cache."""
    return bool(settings.PAGE_CACHE_SECONDS) and is_public_request(request)


def is_public_request(request):
    """Return whether this request is an anonymous reader's for a public page."""
    if request.method not in {"GET", "HEAD"}:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in PERSONAL_COOKIES):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    sections = request.path_info.lstrip("/").split("/", 2)
    section = sections[1] if sections[0] in _language_sections() and len(sections) > 1 else sections[0]
    admin = getattr(settings, "ADMIN_URL", "admin/").strip("/").split("/")[0]
    media = settings.MEDIA_URL.strip("/").split("/")[0]
    return section not in settings.PAGE_CACHE_PRIVATE_SECTIONS and section not in {admin, media}


def _language(request):
    """Return the language the page is rendered in: its path's prefix, or the default language."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _key(request):
    # Only the parameters pages read make a page different: any other (?utm_source=, ?junk=N) is
    # served from the same entry, so it cannot fill the cache with copies. The value kept is the
    # one QueryDict.get gives the view: the last.
    read = sorted(
        (name, request.GET.get(name)) for name in settings.PAGE_CACHE_QUERY_PARAMETERS if name in request.GET
    )
    base = f"{request.scheme}://{request.get_host()}{request.path}"
    address = f"{base}\n{urlencode(read)}\n{_language(request)}"
    return hashlib.sha256(address.encode()).hexdigest()


def _answer(entry, how):
    response = HttpResponse(entry["content"], status=entry["status"])
    for header, value in entry["headers"]:
        response[header] = value
    response["X-Cache"] = how
    return response


class FetchFromPageCacheMiddleware:
    """Answer anonymous readers from the page cache. Keep it right below UpdatePageCacheMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        try:
            found = store.look_up(key)
            if found.fresh:
                return _answer(found.entry, "HIT")
            # The first request for an outdated page rebuilds it; the others meanwhile get it stale.
            # (Only a GET is stored, so only a GET may claim the rebuild.)
            if found.stale_servable and (request.method != "GET" or not store.claim_rebuild(key)):
                return _answer(found.entry, "STALE")
        except Exception:
            logger.warning("Page cache skipped: cache unavailable", exc_info=True)
            return self.get_response(request)
        # The clock is read before the view runs: a change committed during rendering outdates
        # what gets stored.
        request.page_cache = {"key": key, "clock": found.clock, "had_entry": found.entry is not None}
        return self.get_response(request)


class UpdatePageCacheMiddleware:
    """Store finished public pages for anonymous readers. Put it above SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        pending = getattr(request, "page_cache", None)
        if not (is_public_request(request) and self._storable(response)):
            if pending and pending["had_entry"]:
                self._forget(pending["key"])  # nobody should get the copy this page replaced
            return response
        keys.mark_public(response)
        if pending is None or request.method != "GET":
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        now = time.time()
        response["Last-Modified"] = http_date(now)
        try:
            until = store.kept_until(now, settings.PAGE_CACHE_SECONDS)
            entry = {
                "clock": pending["clock"],
                "names": keys.response_keys(response),
                "status": response.status_code,
                "content": response.content,
                "headers": list(response.items()),
            }
            store.store(pending["key"], entry, until, now)
        except Exception:
            logger.warning("Page not cached: cache unavailable", exc_info=True)
        response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def _forget(key):
        try:
            store.drop(key)
        except Exception:
            logger.warning("Page cache entry not dropped: cache unavailable", exc_info=True)

    @staticmethod
    def _storable(response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if response.has_header("Content-Encoding"):
            return False
        control = response.get("Cache-Control", "").lower()
        if any(word in control for word in ("private", "no-store", "no-cache", "max-age=0")):
            return False
        vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
        return vary <= HARMLESS_VARY
