"""Headers Django does not send itself, and sessions that expire after a while idle."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY

# An active session is renewed at most this often, so a busy editor costs one write a minute.
SESSION_RENEW_SECONDS = 60


class PermissionsPolicyMiddleware:
    """Deny the browser features listed in PERMISSIONS_POLICY on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class IdleSessionMiddleware:
    """Renew a session while it is used, so it expires SESSION_IDLE_MINUTES after the last request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = request.session
        # Readers have no session: is_empty() tells without a query. A forged or stale cookie
        # must not make us store a session, so only logged-in ones are renewed.
        if response.status_code < 500 and not session.is_empty() and session.get(SESSION_KEY):
            now = int(time.time())
            if now - session.get("_renewed", 0) >= SESSION_RENEW_SECONDS:
                session["_renewed"] = now
        return response


def mark_renewed(sender, request, user, **kwargs):
    """Count a login as a renewal: the login itself saves the session."""
    if hasattr(request, "session"):
        request.session["_renewed"] = int(time.time())
