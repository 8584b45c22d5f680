"""The admin's "view on site" redirect, for objects the user may see in the admin."""

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404
from django.shortcuts import get_object_or_404


def view_on_site(request, content_type_id, object_id):
    """Redirect to an object's public address, if its admin lets this user see the object."""
    # Django's own redirect asks only for staff, so it told any staff member the address (and so
    # the title) of anyone's draft. Here the object's ModelAdmin decides, as for its change page.
    model = get_object_or_404(ContentType, pk=content_type_id).model_class()
    try:
        model_admin = admin.site.get_model_admin(model)
    except NotRegistered:
        raise Http404("No such object.") from None
    obj = model_admin.get_object(request, object_id)
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404("No such object.")
    return shortcut(request, content_type_id, object_id)
