from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.forms.utils import ErrorList
from django.forms.widgets import Script
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from taggit.forms import TagWidget

from interviews.models import Block, Expert, Interview


class TagSuggestWidget(TagWidget):
    """The tag field, offering existing tags as the editor types."""

    class Media:
        js = ["interviews/admin/tag-suggest.js"]

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), "data-suggest-url": reverse("admin:interviews_interview_tag_suggestions")}
        attrs.setdefault("autocomplete", "off")
        return super().get_context(name, value, attrs)


class RichTextWidget(forms.Textarea):
    """A block's text as a ProseMirror editor; without JavaScript, the plain textarea.

    The editor (django-prose-editor's built ProseMirror bundle) is started by our own module
    rather than the package's presets: those need an inline import map and let Tiptap inject a
    <style> element, both of which the site's Content-Security-Policy refuses.
    """

    class Media:
        css = {
            "all": [
                "django_prose_editor/material-icons.css",
                "django_prose_editor/editor.css",
                "django_prose_editor/overrides.css",
                "interviews/admin/editor.css",
            ]
        }
        js = [Script("interviews/admin/editor-text.js", type="module")]

    def __init__(self, attrs=None):
        super().__init__({"rows": 3, "data-rich-text": "", **(attrs or {})})


class SpeakerField(forms.ModelChoiceField):
    """An answer's speaker: one of the experts the form's `speakers` lists, found without a query."""

    speakers = ()

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = {str(expert.pk): expert for expert in self.speakers}.get(str(getattr(value, "pk", value)))
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return found


class BlockForm(forms.ModelForm):
    """One block of an interview's body; the speaker's choices are set by the admin's inline.

    The speaker is a field of the form, not of its Meta: so the model's own check that the
    speaker exists, a query for each answer on every save, is left to SpeakerField, which finds
    it among the interview's experts read once for the formset.
    """

    # The interview's experts, first the first; set once per formset, not per form.
    speakers = ()
    speaker = SpeakerField(
        queryset=Expert.objects.none(),
        required=False,
        label="Speaker",
        help_text=Block.speaker.field.help_text,
        # As the admin marks a foreign key's select, for its scripts.
        widget=forms.Select(attrs={"data-context": "available-source"}),
    )

    class Meta:
        model = Block
        fields = ["kind", "order", "text", "image", "caption", "credit", "reuse_allowed"]
        widgets = {
            "text": RichTextWidget,
            "order": forms.NumberInput(attrs={"class": "block-order", "min": 0}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        speaker = self.fields["speaker"]
        speaker.speakers = self.speakers
        # Choices as a list, so the select of each of thirty blocks does not query the experts again.
        speaker.choices = [("", speaker.empty_label), *((expert.pk, expert.name) for expert in self.speakers)]
        self.initial.setdefault("speaker", self.instance.speaker_id)
        is_answer = self.instance.pk is None or self.instance.kind == Block.Kind.ANSWER
        if self.speakers and is_answer and not self.initial["speaker"]:
            self.initial["speaker"] = self.speakers[0].pk

    @property
    def media(self):
        # The same widgets in every block's form, so the same assets: gathered once per form class
        # (the admin makes one per request) rather than once for each of thirty blocks.
        form_class = type(self)
        if "block_media" not in vars(form_class):
            form_class.block_media = super().media
        return form_class.block_media

    def render(self, template_name=None, context=None, renderer=None):
        if template_name != self.template_name_label or context is None:
            return super().render(template_name, context, renderer)
        # django/forms/label.html, written out: a template render for each label of thirty blocks
        # was a good part of the change page's time.
        label = conditional_escape(context["label"])
        if not context["use_tag"]:
            return mark_safe(label.strip())
        attrs = [
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
            for name, value in (context["attrs"] or {}).items()
            if value is not False
        ]
        tag = context["tag"]
        return format_html("<{}{}>{}</{}>", tag, mark_safe("".join(attrs)), label, tag)

    def clean(self):
        cleaned = super().clean()
        if "speaker" in cleaned:
            self.instance.speaker = cleaned["speaker"]
        return cleaned


def https_by_default(db_field, **kwargs):
    """Build a form field, assuming https for addresses typed without a scheme."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class ReadRowField(forms.ModelChoiceField):
    """The row a form of a formset edits, found among the rows the formset read."""

    def __init__(self, formset, **kwargs):
        self.formset = formset
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        rows = {str(row.pk): row for row in self.formset.get_queryset()}
        try:
            return rows[str(getattr(value, "pk", value))]
        except KeyError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None


class QuietErrorList(ErrorList):
    """A form's errors, rendered through the templates only when there are some.

    The admin renders each field's errors, most often none, two or three times per field: thirty
    blocks' worth of empty templates was a good part of the change page's time.
    """

    def render(self, template_name=None, context=None, renderer=None):
        return super().render(template_name, context, renderer) if self else mark_safe("")

    __str__ = render
    __html__ = render


class ReadOnceInlineFormSet(BaseInlineFormSet):
    """An inline formset that checks its forms' rows against those it read once, not with a query each."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{"error_class": QuietErrorList, **kwargs})

    def add_fields(self, form, index):
        super().add_fields(form, index)
        name = self.model._meta.pk.name
        field = form.fields[name]
        if type(field) is forms.ModelChoiceField:
            form.fields[name] = ReadRowField(
                self, queryset=field.queryset, initial=field.initial, required=False, widget=field.widget
            )


class InterviewAdminForm(forms.ModelForm):
    # The version the editor opened; saving refuses a form that is behind the database.
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

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
            "publish_at",
            "cover_image",
            "cover_caption",
            "cover_credit",
            "origin",
            "source_name",
            "source_url",
            "canonical_to_source",
            "republishing_allowed",
            "translation_of",
        ]
        formfield_callback = https_by_default
        widgets = {
            "tags": TagSuggestWidget(attrs={"size": 80}),
            # Two lines, so a whole title shows; it is still one line of text (clean_title).
            "title": forms.Textarea(attrs={"rows": 2, "class": "interview-title"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # While a revision is shown, the database briefly holds the revision's own number.
            self.initial["edit_version"] = self.base_version or self.instance.version

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self.check_version(cleaned.get("edit_version"))
            if "tags" not in self.changed_data:
                # Left out of what is saved: writing the same tags again would change nothing.
                cleaned.pop("tags", None)
        return cleaned

    def check_version(self, sent):
        """Refuse to save over a change made since this form was opened."""
        if sent is None:
            raise ValidationError(
                "This form carries no version number, so saving it could overwrite someone else's work. "
                "Reload the page and make your changes again.",
                code="no_version",
            )
        # The lock holds until the admin's transaction ends, so two saves cannot both pass.
        current = (
            Interview.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .only(
                "version",
                "updated_at",
                "updated_by__username",
                "updated_by__first_name",
                "updated_by__last_name",
            )
            .get(pk=self.instance.pk)
        )
        if sent != current.version:
            who = (
                current.updated_by.get_full_name() or current.updated_by.get_username()
                if current.updated_by
                else "Someone"
            )
            when = timezone.localtime(current.updated_at).strftime("%d %b %Y at %H:%M")
            raise ValidationError(
                f"{who} changed this interview on {when}, after you opened it. Nothing of yours was saved; "
                "your changes are still in this form. Open the interview in a new tab to see the current "
                "version, then make your changes there.",
                code="stale",
            )
