"""The inline forms of the interview's change page: its experts and its blocks."""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models
from django.forms import Textarea
from django.forms.widgets import Script

from interviews.forms import BlockForm, ReadOnceInlineFormSet
from interviews.models import Block, Expert, InterviewExpert


class InterviewExpertInline(admin.TabularInline):
    model = InterviewExpert
    formset = ReadOnceInlineFormSet
    extra = 0
    autocomplete_fields = ["expert"]
    fields = ["expert", "role", "bio", "order"]
    # The bio is a short paragraph: a small box keeps the table within the window.
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 40})}}


class BlockInline(admin.StackedInline):
    """The interview's body: one form per block, shaped by its kind in the browser (editor-blocks.js)."""

    model = Block
    form = BlockForm
    formset = ReadOnceInlineFormSet
    extra = 0
    template = "admin/interviews/interview/blocks_inline.html"
    fields = ["kind", "order", "text", "speaker", "image", ("caption", "credit"), "reuse_allowed"]

    class Media:
        js = [Script("interviews/admin/editor-blocks.js", type="module")]

    def get_formset(self, request, obj=None, **kwargs):
        # The speaker is BlockForm's own field, checked by it; left out of the model form's fields.
        fields = [name for name in flatten_fieldsets(self.get_fieldsets(request, obj)) if name != "speaker"]
        formset = super().get_formset(request, obj, **{"fields": fields, **kwargs})
        # A speaker is one of this interview's experts; a new interview has none saved yet.
        speakers = Expert.objects.filter(interview_roles__interview=obj) if obj else Expert.objects.none()
        speakers = speakers.order_by("interview_roles__order", "pk")
        formset.form.speakers = list(speakers)
        return formset
