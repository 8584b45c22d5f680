import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse


def lockout_response(request, original_response=None, credentials=None):
    """Render django-axes' refusal as an admin page that says how long to wait."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else settings.LOGIN_COOLOFF_MINUTES
    context = {
        **admin.site.each_context(request),
        "title": "Too many failed logins",
        "minutes": minutes,
    }
    response = TemplateResponse(request, "admin/lockout.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response.render()
