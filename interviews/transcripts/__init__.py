"""Read an interview transcript of any common shape into an unsaved, structured draft.

formats reads files and text into paragraphs (plain text, .docx, timestamped exports, .vtt,
.srt); boilerplate tells site chrome from interview text; people finds experts, bios, roles
and captions; structure puts it together. Nothing here touches the database:
interviews/importer.py saves what this package understood.
"""

from interviews.transcripts.boilerplate import DEFAULT_CHROME_PATTERNS, chrome_patterns, is_chrome
from interviews.transcripts.formats import (
    MAX_UPLOAD_BYTES,
    SUFFIXES,
    decode,
    describe_binary,
    normalise_text,
    read_cues,
    read_docx,
    text_paragraphs,
)
from interviews.transcripts.parsed import (
    ANSWER,
    IMAGE,
    QUESTION,
    DroppedLine,
    Paragraph,
    ParsedBlock,
    ParsedExpert,
    ParsedTranscript,
    TranscriptError,
)
from interviews.transcripts.people import ANSWER_LABELS
from interviews.transcripts.structure import LABEL_MAX_LENGTH, TITLE_MAX_LENGTH, parse_paragraphs

__all__ = [
    "ANSWER",
    "ANSWER_LABELS",
    "DEFAULT_CHROME_PATTERNS",
    "IMAGE",
    "LABEL_MAX_LENGTH",
    "MAX_UPLOAD_BYTES",
    "QUESTION",
    "SUFFIXES",
    "TITLE_MAX_LENGTH",
    "DroppedLine",
    "Paragraph",
    "ParsedBlock",
    "ParsedExpert",
    "ParsedTranscript",
    "TranscriptError",
    "chrome_patterns",
    "is_chrome",
    "normalise_text",
    "parse_paragraphs",
    "parse_text",
    "read_docx",
    "read_upload",
]


def parse_text(text, label=None, keep=()):
    """Parse a pasted or plain-text transcript (a tool's timestamped export included)."""
    return parse_paragraphs(text_paragraphs(text), label=label, keep=keep)


def read_upload(filename, data, label=None, keep=()):
    """Parse an uploaded .txt, .docx, .vtt or .srt transcript given as bytes.

    Errors name the file and say what was found in it.
    """
    try:
        return _read(filename or "", data, label, keep)
    except TranscriptError as error:
        raise TranscriptError(error.reason, filename=filename) from error


def _read(filename, data, label, keep):
    name = filename.lower()
    if not data:
        raise TranscriptError("The file is empty. Choose the file with the transcript text.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise TranscriptError(
            f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB. A transcript is "
            "text only: remove pictures from it, or paste the text instead."
        )
    if name.endswith(".docx"):
        return parse_paragraphs(read_docx(data), label=label, keep=keep)
    if not name.endswith(SUFFIXES):
        found = describe_binary(data)
        raise TranscriptError(
            f"This file is {found}. Only .txt, .docx, .vtt and .srt files can be imported. Save the "
            "transcript in one of these formats (a .doc or .rtf file can be saved as .docx from Word), "
            "or paste the text."
        )
    text, encoding_warning = decode(data)
    if name.endswith((".vtt", ".srt")):
        parsed = parse_paragraphs(read_cues(name, text), label=label, keep=keep)
    else:
        parsed = parse_text(text, label=label, keep=keep)
    if encoding_warning:
        parsed.warnings.append(encoding_warning)
    return parsed
