"""The correction notes at the end of an interview page, stored with its page parts (interviews.fragments)."""

from django.template.loader import render_to_string
from django.utils.html import strip_tags


def render_notes(interview, corrections):
    """Return the notes' HTML for the page's end, and their schema.org data, or {} when there are none."""
    if not corrections:
        return {}
    html = render_to_string("reports/_corrections.html", {"interview": interview, "corrections": corrections})
    # The date the note states, which editors may set, not when its row was saved.
    comments = [{**note.structured_data(), "text": strip_tags(note.text)} for note in corrections]
    return {"html": {"end": html}, "json_ld": {"correction": comments}}
