"""The text a reader sees on an interview page, and how reported text is found and replaced in it.

A block's text is read as interviews.text.block_text() reads it, which search indexes too.
"""

import difflib
import hashlib
import html
import re
from dataclasses import dataclass
from urllib.parse import quote

from interviews.text import block_text, normalise

_TAG = re.compile(r"(<[^>]*>)")
_SUGGESTION_LEAD = re.compile(
    r"^(?:(?:it\s+)?should\s+(?:be|read)|correct(?:ion|ly|\s+spelling)?|replace\s+(?:it\s+)?(?:with|by)|"
    r"must\s+be|правильно|должно\s+быть|исправ\w*\s+на|заменить\s+на|→|->|=>)\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_QUOTES = "\"'“”„«»‘’"
# As much context as the report dialog sends on each side (CONTEXT_CHARS in report-dialog.js).
CONTEXT_CHARS = 120


@dataclass
class Part:
    """One run of text on the page, and the field it comes from when an editor can change it there."""

    shown: str
    obj: object = None
    field: str = ""
    is_html: bool = False
    maps_insertions: bool = False

    @property
    def editable(self):
        return self.obj is not None


def page_parts(interview):
    """Return the interview page's text in reading order, as `Part`s (see interview_detail.html)."""
    parts = [
        Part(normalise(interview.title), interview, "title"),
        Part(normalise(interview.lead), interview, "lead"),
        Part(normalise(interview.byline), interview, "byline"),
    ]
    for credit in interview.credited_experts:
        parts += [
            Part(normalise(credit.expert.name)),
            Part(normalise(credit.role), credit, "role"),
            Part(normalise(credit.bio), credit, "bio"),
        ]
    if interview.cover_image:
        parts += [
            Part(normalise(interview.cover_caption), interview, "cover_caption"),
            Part(normalise(interview.cover_credit), interview, "cover_credit"),
        ]
    label = normalise(interview.interviewer_label)
    for block in interview.blocks.all():
        if block.kind == block.Kind.IMAGE:
            if block.image:
                parts += [
                    Part(normalise(block.caption), block, "caption"),
                    Part(normalise(block.credit), block, "credit"),
                ]
            continue
        if block.kind == block.Kind.QUESTION and label:
            parts.append(Part(f"{label}:"))
        shown = block_text(block.text)
        parts.append(Part(shown, block, "text", is_html=True, maps_insertions=True))
    parts += [Part(normalise(tag.name)) for tag in interview.tags.all()]
    parts += [Part(normalise(correction.text)) for correction in interview.corrections.all()]
    return [part for part in parts if part.shown]


def page_text(interview):
    """Return all the interview page's text as one normalised string."""
    return " ".join(part.shown for part in page_parts(interview))


def page_context(text, selection, before, after):
    """Return the page's own text before and after the selection, or None when it is not on the page.

    The reader's context only chooses among several occurrences: the one whose neighbours agree
    with it longest. What is stored, mailed and merged on is always what the page says there.
    """
    found = []
    at = text.find(selection)
    while at >= 0:
        found.append(at)
        at = text.find(selection, at + 1)
    if not found:
        return None
    # max() keeps the first of equals: with no agreement at all, the first occurrence.
    at = max(found, key=lambda at: _agreement(text, at, at + len(selection), before, after))
    end = at + len(selection)
    before, after = text[max(0, at - CONTEXT_CHARS) : at], text[end : end + CONTEXT_CHARS]
    # Where the page goes on past the context, its cut word is dropped, as the dialog does.
    if at > CONTEXT_CHARS and " " in before[:-1]:
        before = before[before.index(" ") :].lstrip()
    if end + CONTEXT_CHARS < len(text) and " " in after[1:]:
        after = after[: after.rindex(" ")]
    return before, after


def _agreement(text, start, end, before, after):
    """Return how many characters of the reader's context match the page's next to this occurrence."""
    before_matches = _longest(
        lambda n: text.endswith(before[len(before) - n :], 0, start), min(len(before), start)
    )
    return before_matches + _longest(lambda n: text.startswith(after[:n], end), len(after))


def _longest(matches, size):
    """Return the largest n <= size with matches(n); matches must hold for every n below a passing one."""
    low, high = 0, size
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if matches(middle) else (low, middle - 1)
    return low


def fingerprint(interview_id, selection, before, after):
    """Return the key under which identical open reports merge."""
    key = "\x00".join([str(interview_id), selection, before, after])
    return hashlib.sha256(key.encode()).hexdigest()


def suggestion_from_comment(comment, selection):
    """Return the replacement a reader's comment proposes for the selection, or ''."""
    comment = normalise(comment)
    if not comment or len(comment) > 300:
        return ""
    led = _SUGGESTION_LEAD.match(comment)
    candidate = comment[led.end() :] if led else comment
    candidate = candidate.strip().strip(_QUOTES).strip()
    if candidate.endswith(".") and not selection.endswith("."):
        candidate = candidate[:-1].strip().strip(_QUOTES).strip()
    if not candidate or candidate == selection:
        return ""
    if led:
        return candidate
    # A bare comment counts only when it looks like a respelling of the selection, not a remark.
    similar = difflib.SequenceMatcher(None, candidate.lower(), selection.lower()).ratio() >= 0.6
    few_words = len(candidate.split()) <= len(selection.split()) + 2
    return candidate if similar and few_words else ""


def text_fragment(before, selection, after, *, words=3):
    """Return a `#:~:text=` fragment that makes browsers scroll to and highlight the selection."""

    def term(text):
        # "-", "," and "&" are the directive's syntax, so they are escaped too.
        return quote(text, safe="").replace("-", "%2D")

    prefix = " ".join(normalise(before).split()[-words:])
    suffix = " ".join(normalise(after).split()[:words])
    directive = term(normalise(selection))
    if prefix:
        directive = f"{term(prefix)}-,{directive}"
    if suffix:
        directive = f"{directive},-{term(suffix)}"
    return f"#:~:text={directive}"


def _raw_pattern(selection, part):
    """Return a regex that finds the shown selection in the part's stored value."""
    pieces = []
    for char in selection:
        if char == " ":
            pieces.append(r"(?:\s|&nbsp;|&#160;|&#xa0;|\u00a0)+" if part.is_html else r"\s+")
            continue
        options = {re.escape(char)}
        if part.is_html:
            options |= {
                re.escape(html.escape(char)),
                re.escape(html.escape(char, quote=False)),
                re.escape(f"&#{ord(char)};"),
                re.escape(f"&#x{ord(char):x};"),
            }
        if part.maps_insertions and char in "[]":
            # An editorial insertion is stored as {…} and shown as […].
            options.add(re.escape("{" if char == "[" else "}"))
        pieces.append("(?:" + "|".join(sorted(options)) + ")")
    return re.compile("".join(pieces))


def replace_once(part, selection, replacement):
    """Return the part's stored value with its one occurrence of selection replaced, or None."""
    raw = getattr(part.obj, part.field) or ""
    pattern = _raw_pattern(selection, part)
    # In HTML only text between tags is searched, so attributes such as links stay as they are.
    segments = _TAG.split(raw) if part.is_html else [raw]
    hits = [
        (i, match)
        for i, segment in enumerate(segments)
        if not segment.startswith("<") or not part.is_html
        for match in pattern.finditer(segment)
    ]
    if len(hits) != 1:
        return None
    index, match = hits[0]
    new = html.escape(replacement, quote=False) if part.is_html else replacement
    segment = segments[index]
    segments[index] = segment[: match.start()] + new + segment[match.end() :]
    return "".join(segments)
