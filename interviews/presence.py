"""Who else has an interview's change page open, and whether it was saved since you opened it.

The change page's script (interviews/static/interviews/admin/presence.js) sends a heartbeat by
POST every 15 seconds and reads the answer: the other people with the page open, since when, and
the interview's current version with who saved it and when. Presence lives in the default cache
(the database cache, or Redis: shared by every worker), one entry per interview holding everyone
seen in the last PRESENCE_SECONDS; an entry nobody renews expires by itself.
"""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from interviews.admin_workflow import get_interview
from interviews.models import Interview

# Someone not heard from for this long has closed the page (the script beats every 15 s).
PRESENCE_SECONDS = 45


def _key(interview_id):
    return f"interview-presence:{interview_id}"


def display_name(user):
    return user.get_full_name() or user.get_username()


def _clock(moment):
    return timezone.localtime(moment).strftime("%H:%M")


def seen(interview_id, user, now=None):
    """Record that user has the interview open now; return everyone present, fresh entries only."""
    now = now or timezone.now()
    present = _fresh(cache.get(_key(interview_id)) or {}, now)
    entry = present.get(str(user.pk))
    present[str(user.pk)] = {
        "name": display_name(user),
        "since": entry["since"] if entry else now.isoformat(),
        "seen": now.isoformat(),
    }
    cache.set(_key(interview_id), present, PRESENCE_SECONDS * 2)
    return present


def present_now(interview_id, now=None):
    """Return who has the interview open, by user id (as text)."""
    return _fresh(cache.get(_key(interview_id)) or {}, now or timezone.now())


def _fresh(present, now):
    oldest = now - timezone.timedelta(seconds=PRESENCE_SECONDS)
    return {
        user_id: entry
        for user_id, entry in present.items()
        if timezone.datetime.fromisoformat(entry["seen"]) >= oldest
    }


@never_cache
@require_http_methods(["GET", "POST"])
def presence_view(request, model_admin, object_id):
    """GET: who else has this interview open, and its version. POST: the same, after a heartbeat."""
    interview = get_interview(model_admin.get_queryset(request), object_id)
    if not model_admin.has_change_permission(request, interview):
        raise PermissionDenied
    present = seen(interview.pk, request.user) if request.method == "POST" else present_now(interview.pk)
    others = [
        {
            "name": entry["name"],
            "since": entry["since"],
            "since_clock": _clock(timezone.datetime.fromisoformat(entry["since"])),
        }
        for user_id, entry in sorted(present.items(), key=lambda item: item[1]["since"])
        if user_id != str(request.user.pk)
    ]
    current = Interview.objects.select_related("updated_by").only(
        "version", "updated_at", "updated_by__username", "updated_by__first_name", "updated_by__last_name"
    )
    current = current.get(pk=interview.pk)
    saved_by = current.updated_by
    return JsonResponse(
        {
            "others": others,
            "version": current.version,
            "saved_by": display_name(saved_by) if saved_by else None,
            "saved_by_you": saved_by is not None and saved_by.pk == request.user.pk,
            "saved_at": current.updated_at.isoformat(),
            "saved_clock": _clock(current.updated_at),
        }
    )
