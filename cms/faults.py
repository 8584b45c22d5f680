"""Answer 503 while the database cannot be reached, instead of a 500 with a half-done request.

Requests run on their own connections with health checks (CONN_HEALTH_CHECKS), so once the
database is back the next request simply succeeds: there is nothing to reset.

Apps tell it what it needs: a view a script calls for JSON is decorated with @answers_in_json, and
ERROR_PAGE_CONTEXT names the function giving the error pages' context (the site's name and links).
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def answers_in_json(view):
    """Mark a view that scripts call for JSON: a lost database is then answered in JSON too."""
    view.faults_in_json = True
    return view


def _answers_in_json(request):
    match = getattr(request, "resolver_match", None)
    if match is None:  # the failure came before the address was resolved (in a middleware)
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return False
    return getattr(match.func, "faults_in_json", False)


def _page_context():
    # Not the request's context processors: they could reach for the database.
    return import_string(settings.ERROR_PAGE_CONTEXT)()


def unavailable(request):
    """Return the 503 answer: JSON for a script (the report dialog), or a page in the site's design."""
    if _answers_in_json(request):
        response = JsonResponse(
            {
                "error": _(
                    "The site is briefly unavailable, and your report was not saved. "
                    "Please try again in a minute."
                ),
                "code": "unavailable",
                "retry": True,
            },
            status=503,
        )
    else:
        response = HttpResponse(render_to_string("503.html", _page_context()), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turn a lost database in a view into the 503 answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable: %s", exception)
            return unavailable(request)
        return None


def server_error(request):
    """Answer 500, or 503 when what failed outside a view (a middleware) was the database."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return unavailable(request)
    # As Django's own handler does, without a request's context processors (they may fail too).
    return HttpResponseServerError(render_to_string("500.html", _page_context()))
