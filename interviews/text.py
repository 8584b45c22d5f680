"""The small HTML subset that body text may use: sanitised on save, rendered, and read back as text."""

import html
import re

import nh3
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "br", "a", "em", "strong", "i", "b", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_BLOCK_TAG = re.compile(r"<(p|ul|ol)[\s>]", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n")
_INSERTION = re.compile(r"\{([^{}<>]+)\}")
# Insertions are looked for in text only, never inside a tag's attributes.
_TAG = re.compile(r"(<[^>]*>)")
_SPACE = re.compile(r"\s+")
# Invisible characters a copy may or may not carry: soft hyphen, zero-width space and joiners, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Block-level tags separate words on screen, so they become spaces before tags are stripped.
_BREAKING_TAG = re.compile(r"</?(?:p|br|li|ul|ol)\b[^>]*>", re.IGNORECASE)


def sanitise_html(text):
    """Return text reduced to the allowed subset, with loose paragraphs wrapped in <p>."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    clean = nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()
    if clean and not _BLOCK_TAG.search(clean):
        paragraphs = [p.strip() for p in _BLANK_LINES.split(clean) if p.strip()]
        clean = "".join("<p>" + p.replace("\n", "<br>") + "</p>" for p in paragraphs)
    return clean


def render_block_html(clean_html):
    """Return sanitised block HTML with {insertions} marked as editorial insertions."""

    def insertion(match):
        # The text was sanitised on save; mark_safe keeps its entities as they are.
        return format_html(
            '<span class="insertion" title="Editorial insertion">[{}]</span>',
            mark_safe(match.group(1)),
        )

    pieces = _TAG.split(clean_html or "")
    # split() with a group keeps the tags at odd positions; only the text between them changes.
    return mark_safe(
        "".join(piece if i % 2 else _INSERTION.sub(insertion, piece) for i, piece in enumerate(pieces))
    )


def collapse(text):
    """Return text with invisible characters dropped and each whitespace run as one space."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", text or ""))


def normalise(text):
    """Return text as compared: collapsed and trimmed."""
    return collapse(text).strip()


def plain_text(markup):
    """Return the words a reader sees for a fragment of HTML, as one line."""
    return normalise(html.unescape(strip_tags(_BREAKING_TAG.sub(" ", markup or ""))))


def block_text(clean_html):
    """Return the words a reader sees for a block's stored text, insertions marked as the page marks them.

    Search indexes this text and spelling reports are matched against it (cms.reports.text).
    """
    return plain_text(render_block_html(clean_html))
