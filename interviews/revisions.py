"""What changed between two revisions of an interview, as words removed and added."""

import difflib

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from taggit.models import Tag

from interviews.models import Block, Expert, InterviewExpert, TaggedInterview
from interviews.text import plain_text


def text_changes(old_lines, new_lines):
    """Return the changed lines as safe HTML, words removed in <del> and added in <ins>."""
    changes = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = old_lines[i1:i2], new_lines[j1:j2]
        if tag == "replace" and len(old) == len(new):
            changes += [_word_diff(a, b) for a, b in zip(old, new, strict=True)]
        else:
            changes += [format_html("<del>{}</del>", line) for line in old]
            changes += [format_html("<ins>{}</ins>", line) for line in new]
    return changes


def _word_diff(old, new):
    old_words, new_words = old.split(" "), new.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(format_html("{}", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[j1:j2])))
    return mark_safe(" ".join(parts))


def version_lines(version):
    """Return the text of an interview as stored in one revision, a line per field and block."""
    fields = version.field_dict
    lines = [f"Title: {fields.get('title', '')}", f"Lead: {fields.get('lead', '')}"]
    related = {Block: [], InterviewExpert: [], TaggedInterview: []}
    for other in version.revision.version_set.all():
        if other._model in related:
            related[other._model].append(other.field_dict)
    experts = dict(
        Expert.objects.filter(pk__in=[f["expert_id"] for f in related[InterviewExpert]]).values_list(
            "pk", "name"
        )
    )
    for credit in sorted(related[InterviewExpert], key=lambda f: f["order"]):
        lines.append(f"Expert: {experts.get(credit['expert_id'], '?')} — {credit['role']}")
    tags = Tag.objects.filter(pk__in=[f["tag_id"] for f in related[TaggedInterview]]).values_list(
        "name", flat=True
    )
    lines.append("Tags: " + ", ".join(sorted(tags)))
    for block in sorted(related[Block], key=lambda f: (f["order"], f["id"])):
        text = plain_text(block["text"]) or f"[image] {block['caption']} {block['credit']}".strip()
        lines.append(f"{block['kind'].capitalize()}: {text}")
    return lines
