"""What keeps an editor's typing safe on the interview change page.

A status button (Submit for review, Publish, …) is a submit button of the change form carrying
`_transition`: the form is saved first, under the same version check as any save, and only then
does the editor go on to confirm the move; a save that fails shows the form again with what was
typed. The page's scripts warn before leaving with unsaved changes, keep unsaved edits in the
browser every 30 seconds (autosave-editing.js) and say who else has the interview open or has
saved it since (presence.js, asking interviews.presence).
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse

from interviews.presence import presence_view
from interviews.workflow import TRANSITIONS


class EditingSafetyMixin:
    """Mixed into InterviewAdmin (before VersionAdmin)."""

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["interviews/admin/editing-safety.css"]},
            js=[
                forms.Script("interviews/admin/autosave-editing.js", type="module"),
                forms.Script("interviews/admin/presence.js", type="module"),
            ],
        )

    def response_change(self, request, obj):
        name = request.POST.get("_transition")
        if name not in TRANSITIONS:
            return super().response_change(request, obj)
        self.message_user(request, f"Your changes to “{obj}” are saved.", messages.SUCCESS)
        return redirect(reverse("admin:interviews_interview_transition", args=[obj.pk, name]))

    def get_urls(self):
        presence = path(
            "<path:object_id>/presence/",
            self.admin_site.admin_view(self.presence),
            name="interviews_interview_presence",
        )
        return [presence, *super().get_urls()]

    def presence(self, request, object_id):
        return presence_view(request, self, object_id)
