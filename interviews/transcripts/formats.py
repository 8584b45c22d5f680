"""Turn the bytes or text of a transcript into paragraphs, whatever tool or site produced it.

Plain text (pasted, .txt), Word (.docx), and transcription tools' output: speaker-labelled turns
with timestamps, WebVTT (.vtt) and SubRip (.srt) cues. Timestamps never reach the paragraphs.
"""

import codecs
import io
import re

import docx
import srt
import webvtt
from docx.enum.style import WD_STYLE_TYPE
from docx.table import Table
from docx.text.hyperlink import Hyperlink

from interviews.docx_limits import docx_refusal
from interviews.transcripts.parsed import Paragraph, TranscriptError

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
SUFFIXES = (".txt", ".docx", ".vtt", ".srt")

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_UNWRAP_AFTER = re.compile(r"[\w,–—-]$")
_PREFIX = re.compile(r"^(?P<label>[^\W\d_][\w.&'’ -]{0,39}?)\s*:(?:\s+|$)")
_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_STAMP = rf"[\[(]?{_TIME}[\])]?"
_NAME = r"[^\W\d_][\w.'’ -]{0,40}?"
# "[00:01:23] Name: text", "00:01:23 - Name: text"; "00:01:23 Name" or "Name (00:01:23)" alone.
_TURNS = [
    re.compile(rf"^{_STAMP}\s*[-–—]?\s*(?P<label>{_NAME})\s*:\s*(?P<text>.*)$"),
    re.compile(rf"^(?P<label>{_NAME})\s*[\[(]{_TIME}[\])]\s*:\s*(?P<text>.*)$"),
    re.compile(rf"^{_STAMP}\s*[-–—]?\s*(?P<label>{_NAME})(?P<text>)$"),
    re.compile(rf"^(?P<label>{_NAME})\s+{_STAMP}(?P<text>)$"),
]
_STAMP_ONLY = re.compile(rf"^{_STAMP}(?:\s*-->\s*{_STAMP})?$")
_INLINE_STAMP = re.compile(rf"\s*[\[(]{_TIME}[\])]\s*|^{_TIME}\s+")
_HEADER = re.compile(r"^(?P<field>title|lead|bio|заголовок|лид|био|биография)\s*:\s*(?P<text>\S.*)$", re.I)
# A pause this long between two cues of one speaker starts a new paragraph.
PARAGRAPH_PAUSE_SECONDS = 2.0
PARAGRAPH_MAX_CHARS = 1200

LEGACY_ENCODINGS = [
    ("cp1251", "\u0400-\u04ff", "Windows-1251 (Cyrillic)"),
    ("cp1252", "\u00c0-\u00ff", "Windows-1252 (Western European)"),
]
_SIGNATURES = [
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Word (.doc) or Excel (.xls) file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"ID3", "an audio file"),
]


def normalise_text(text):
    """Return text with one kind of line break and without control characters."""
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


def prefix(text):
    """Return the label before a colon that starts the text ("Q", "Anna Berg"), or None."""
    match = _PREFIX.match(text)
    return match.group("label") if match and len(match.group("label").split()) <= 5 else None


def strip_prefix(text):
    return _PREFIX.sub("", text, count=1)


def header_field(text):
    """Return ("title"|"lead"|"bio", text) for a labelled header line, else None."""
    match = _HEADER.match(text.strip())
    if not match:
        return None
    field = match.group("field").casefold()
    field = {"заголовок": "title", "лид": "lead", "био": "bio", "биография": "bio"}.get(field, field)
    return field, match.group("text").strip()


def text_paragraphs(text):
    """Return the paragraphs of plain text: speaker turns if it is a tool's export, else lines."""
    lines = [line.strip() for line in normalise_text(text or "").split("\n")]
    turns = sum(1 for line in lines if _turn(line))
    if turns >= 2:
        return _turn_paragraphs(lines)
    return [Paragraph(line) for line in unwrap([line for line in lines if line])]


def unwrap(lines):
    """Join hard-wrapped lines: a line continues the previous one when that stops mid-sentence."""
    from interviews.transcripts.people import photo

    joined = []
    for line in lines:
        if (
            joined
            and line[:1].islower()
            and _UNWRAP_AFTER.search(joined[-1])
            and not (prefix(line) or photo(joined[-1]) or _turn(line))
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _turn(line):
    for pattern in _TURNS:
        match = pattern.match(line)
        if match and len(match.group("label").split()) <= 4 and not _STAMP_ONLY.match(line):
            return match.group("label").strip(), match.group("text").strip()
    return None


def _turn_paragraphs(lines):
    """Return the paragraphs of a timestamped export, each marked with its speaker."""
    paragraphs, speaker, current = [], None, []

    def close():
        for line in unwrap(current):
            paragraphs.append(Paragraph(line, speaker=speaker))
        current.clear()

    for line in lines:
        turn = _turn(line)
        if turn:
            close()
            speaker = turn[0]
            if turn[1]:
                current.append(turn[1])
        elif _STAMP_ONLY.match(line):
            continue
        elif line:
            current.append(_INLINE_STAMP.sub(" ", line).strip())
        elif speaker is None:
            close()
    close()
    return [paragraph for paragraph in paragraphs if paragraph.text]


def cue_paragraphs(cues):
    """Merge (start, end, speaker, text) cues into turns and paragraphs, each marked with its speaker."""
    # A cue without a speaker continues the one before; a pause or a long paragraph starts a new one.
    paragraphs, speaker, parts, last_end = [], None, [], None

    def close():
        if parts:
            paragraphs.append(Paragraph(" ".join(parts), speaker=speaker))
            parts.clear()

    for start, end, label, text in cues:
        text = " ".join(_INLINE_STAMP.sub(" ", text).split())
        if label is None and (found := prefix(text)) and len(found.split()) <= 4:
            label, text = found, strip_prefix(text).strip()
        if label is not None and label != speaker:
            close()
            speaker = label
        else:
            paused = last_end is not None and start - last_end >= PARAGRAPH_PAUSE_SECONDS
            long = parts and sum(map(len, parts)) > PARAGRAPH_MAX_CHARS and parts[-1][-1:] in ".!?…"
            if paused or long:
                close()
        if text:
            parts.append(text)
        last_end = end
    close()
    return paragraphs


def read_cues(name, text):
    """Return the header paragraphs and the cue paragraphs of a WebVTT or SubRip file."""
    header, body = [], []
    for line in normalise_text(text).split("\n"):
        found = header_field(re.sub(r"^NOTE\s+", "", line))
        # "Title:", "Lead:", "Bio:" lines may stand in the file's header, a NOTE or a cue.
        if found:
            header.append(Paragraph(f"{found[0].capitalize()}: {found[1]}"))
        else:
            body.append(line)
    source = "\n".join(body)
    try:
        if name.endswith(".vtt"):
            cues = [
                (c.start_in_seconds, c.end_in_seconds, c.voice, c.text) for c in webvtt.from_string(source)
            ]
        else:
            cues = [
                (c.start.total_seconds(), c.end.total_seconds(), None, _strip_tags(c.content))
                for c in srt.parse(source)
            ]
    except (webvtt.errors.MalformedFileError, srt.SRTParseError, ValueError) as error:
        kind = "WebVTT" if name.endswith(".vtt") else "SubRip"
        raise TranscriptError(
            f"This is not a readable {kind} file ({error}). Export it again from the transcription "
            "tool, or paste its text."
        ) from error
    if not cues:
        raise TranscriptError("The file has no cues (no timed text). Export it again with the text.")
    return header + cue_paragraphs(cues)


def _strip_tags(text):
    return re.sub(r"</?[a-z][^>]*>|\{\\[^}]*\}", "", text)


def decode(data):
    """Return (text, warning) for the bytes of a text file; refuse what is not text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _text_or_error(data.decode("utf-16", errors="replace")), None
    if b"\x00" in data[:4096]:
        raise TranscriptError(
            f"This file does not look like text: it is {describe_binary(data)}. {_TEXT_ADVICE}"
        )
    try:
        return _text_or_error(data.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        pass
    # A legacy single-byte file is taken for the encoding whose letters and punctuation its
    # non-ASCII bytes read as; anything else would import garbled text.
    for encoding, letters, name in LEGACY_ENCODINGS:
        text = data.decode(encoding, errors="replace")
        high = [char for char in text if ord(char) > 127]
        readable = re.compile(f"[{letters}\u2010-\u206f\u00a0\u00ab\u00bb\u00a9\u00b0\u2116]")
        if high and sum(bool(readable.match(c)) for c in high) >= 0.9 * len(high) and _cased_like_words(text):
            return _text_or_error(text), f"The file is not UTF-8; it was read as {name}. Check the letters."
    raise TranscriptError(
        "The file's encoding could not be recognised: it is not UTF-8, UTF-16, Windows-1251 or "
        "Windows-1252. Save it as UTF-8 text (in most editors: Save as… → Encoding: UTF-8)."
    )


def _cased_like_words(text):
    """Return whether capitals mostly start words, as in text, not in bytes read the wrong way."""
    pairs = re.findall(r"(?<=[^\W\d_])[^\W\d_]", text)
    return not pairs or sum(char.isupper() for char in pairs) <= 0.1 * len(pairs)


_WHITESPACE = str.maketrans("", "", "\n\r\t")
_TEXT_ADVICE = "Upload the transcript as a .txt, .docx, .vtt or .srt file, or paste the text."


def describe_binary(data):
    """Return what a file that is not text seems to be."""
    if data.startswith(b"PK"):
        head = data[:65536]
        if b"xl/" in head:
            return "a spreadsheet (Excel .xlsx)"
        if b"ppt/" in head:
            return "a presentation (.pptx)"
        if b"opendocument.spreadsheet" in head:
            return "a spreadsheet (.ods)"
        return "a zip archive"
    found = next((what for signature, what in _SIGNATURES if data.startswith(signature)), "")
    if found:
        return found
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "a binary file"
    return "plain text" if b"\x00" not in data[:4096] else "a binary file"


def _text_or_error(text):
    printable = text.translate(_WHITESPACE)
    unprintable = 0 if printable.isprintable() else sum(not char.isprintable() for char in printable)
    if unprintable * 10 > len(text):
        raise TranscriptError(f"This file does not look like text. {_TEXT_ADVICE}")
    lines = [line for line in text.splitlines() if line.strip()]
    for separator in ("\t", ";", ","):
        counts = {line.count(separator) for line in lines[:50]}
        if len(lines) >= 3 and len(counts) == 1 and counts.pop() >= 2 and separator in lines[0]:
            raise TranscriptError(
                f"This looks like a spreadsheet saved as text ({len(lines)} rows of columns "
                f"separated by “{separator if separator != chr(9) else 'tab'}”), not a transcript."
            )
    return text


def read_docx(data):
    """Return the paragraphs of a .docx file in order, tables included, with their formatting.

    Page headers and footers are not part of the body, so they are not read.
    """
    what = describe_binary(data)
    if not data.startswith(b"PK") or what != "a zip archive":
        raise TranscriptError(
            f"This .docx file could not be read: it is {what}, not a Word document. {_TEXT_ADVICE}"
        )
    if refusal := docx_refusal(data):
        raise TranscriptError(refusal)
    try:
        document = docx.Document(io.BytesIO(data))
        styles = _Styles(document)
        return [_docx_paragraph(p, styles) for p in _docx_paragraphs(document)]
    # A damaged file fails deep inside zipfile, lxml or python-docx with many exception types.
    except Exception as error:
        raise TranscriptError(
            "This .docx file could not be read. Open it in Word or LibreOffice, save it again "
            "as .docx, or paste the text instead."
        ) from error


class _Styles:
    """Look each style of a document up once: python-docx searches every style on each lookup."""

    def __init__(self, document):
        self.part = document.part
        self.found = {}

    def get(self, style_id, kind):
        """Return (name, bold, italic) of a style, the defaults where it names none."""
        if (style_id, kind) not in self.found:
            style = self.part.get_style(style_id, kind)
            font = style.font if style is not None else None
            self.found[style_id, kind] = (
                (style.name or "").casefold() if style is not None else "",
                bool(font is not None and font.bold),
                bool(font is not None and font.italic),
            )
        return self.found[style_id, kind]


def _docx_paragraphs(document):
    """Yield the body's paragraphs in order, reading table cells row by row."""
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            seen = set()
            for row in item.rows:
                for cell in row.cells:
                    # A merged cell is returned once per grid column it spans.
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        yield from cell.paragraphs
        else:
            yield item


def _docx_paragraph(paragraph, styles):
    runs = [
        run
        for item in paragraph.iter_inner_content()
        for run in (item.runs if isinstance(item, Hyperlink) else [item])
        if run.text.strip()
    ]
    # python-docx's own Paragraph.style and Run.style read these ids before their lookup.
    style_name, *paragraph_marks = styles.get(paragraph._p.style, WD_STYLE_TYPE.PARAGRAPH)

    def marked(run, index, attribute):
        if getattr(run, attribute) is not None:
            return getattr(run, attribute)
        return styles.get(run._r.style, WD_STYLE_TYPE.CHARACTER)[index + 1] or paragraph_marks[index]

    level = re.search(r"\d+", style_name)
    if style_name.startswith(("title", "subtitle")):
        heading = 0
    elif style_name.startswith(("heading", "заголовок")):
        heading = int(level.group()) if level else 1
    else:
        heading = None
    return Paragraph(
        normalise_text(paragraph.text),
        bold=bool(runs) and all(marked(run, 0, "bold") for run in runs),
        italic=bool(runs) and all(marked(run, 1, "italic") for run in runs),
        heading=heading,
    )
