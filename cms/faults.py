"""Answer 503 while the database cannot be reached, instead of a 500 with a half-done request.

Requests run on their own connections with health checks (CONN_HEALTH_CHECKS), so once the
database is back the next request simply succeeds: there is nothing to reset.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from cms.context_processors import site_context

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def unavailable(request):
    """Return the 503 answer: JSON the report dialog shows, or a page in the site's design."""
    if request.path.startswith("/reports/"):
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
        # Rendered without the request's context processors: they could reach for the database.
        response = HttpResponse(render_to_string("503.html", site_context()), status=503)
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
    return HttpResponseServerError(render_to_string("500.html", site_context()))
