from django import forms
from django.db import models
from django.urls import reverse
from taggit.forms import TagWidget

from interviews.models import Interview


class TagSuggestWidget(TagWidget):
    """The tag field, offering existing tags as the editor types."""

    class Media:
        js = ["interviews/admin/tag-suggest.js"]

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), "data-suggest-url": reverse("admin:interviews_interview_tag_suggestions")}
        attrs.setdefault("autocomplete", "off")
        return super().get_context(name, value, attrs)


def https_by_default(db_field, **kwargs):
    """Build a form field, assuming https for addresses typed without a scheme."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class InterviewAdminForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = [
            "title",
            "slug",
            "lead",
            "language",
            "byline",
            "interviewer_label",
            "tags",
            "status",
            "publish_at",
            "cover_image",
            "cover_caption",
            "cover_credit",
            "origin",
            "source_name",
            "source_url",
        ]
        formfield_callback = https_by_default
        widgets = {"tags": TagSuggestWidget(attrs={"size": 80})}
