import re

from django import forms
from django.utils.translation import gettext_lazy as _

from interviews.text import collapse, normalise

SELECTION_LIMIT = 300
CONTEXT_LIMIT = 300
COMMENT_LIMIT = 1000
PAGE_LIMIT = 2000
# Control characters, and the bidirectional overrides and isolates that can make a comment read
# differently from what it says in the admin and in mail; line breaks and tabs stay.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class ReportForm(forms.Form):
    """Check what the report dialog sends; the page itself is checked by the view."""

    selection = forms.CharField(
        max_length=4 * SELECTION_LIMIT,
        error_messages={
            "required": _("Please select the text with the error first."),
            "max_length": _("Please select a shorter piece of text: at most 300 characters."),
        },
    )
    context_before = forms.CharField(required=False, strip=False, max_length=4 * CONTEXT_LIMIT)
    context_after = forms.CharField(required=False, strip=False, max_length=4 * CONTEXT_LIMIT)
    page = forms.CharField(
        max_length=PAGE_LIMIT,
        error_messages={"required": _("The report does not say which page it is from.")},
    )
    block = forms.IntegerField(required=False, min_value=1, max_value=2**62)
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_LIMIT,
        error_messages={"max_length": _("Please keep your comment under 1,000 characters.")},
    )
    email = forms.EmailField(
        required=False,
        max_length=254,
        error_messages={"invalid": _("Please check your email address, or leave it empty.")},
    )
    # Hidden from people; bots that fill every field fill this one too.
    website = forms.CharField(required=False, strip=False)

    def clean_selection(self):
        selection = normalise(self.cleaned_data["selection"])
        if not selection:
            raise forms.ValidationError(_("Please select the text with the error first."))
        if len(selection) > SELECTION_LIMIT:
            raise forms.ValidationError(_("Please select a shorter piece of text: at most 300 characters."))
        return selection

    def clean_context_before(self):
        return self._context("context_before")

    def clean_context_after(self):
        return self._context("context_after")

    def clean_comment(self):
        return _HIDDEN.sub("", self.cleaned_data["comment"])

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This report looks automated and was not accepted."))
        return ""

    def _context(self, name):
        # The space next to the selection stays: it tells a whole word from part of one.
        context = collapse(self.cleaned_data[name])
        context = context.lstrip() if name == "context_before" else context.rstrip()
        if len(context.strip()) > CONTEXT_LIMIT:
            raise forms.ValidationError(
                _("The text around the selection is too long: at most 300 characters.")
            )
        return context
