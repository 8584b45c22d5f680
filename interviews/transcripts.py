"""Read an interview transcript (plain text or .docx) into an unsaved, structured draft.

Nothing here touches the database: interviews/importer.py saves what this module understood.
"""

import codecs
import io
import re
from collections import Counter
from dataclasses import dataclass, field

import docx
from django.conf import settings
from docx.table import Table
from docx.text.hyperlink import Hyperlink

from interviews.docx_limits import docx_refusal

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
TITLE_MAX_LENGTH = 300
ROLE_MAX_LENGTH = 300
LABEL_MAX_LENGTH = 100
# Site chrome is a short line; a long paragraph that happens to match is interview text.
CHROME_MAX_LENGTH = 300

QUESTION, ANSWER, IMAGE = "question", "answer", "image"

# Regular expressions (searched case-insensitively in each line) for text a reader copies
# along with the interview. Override with the TRANSCRIPT_CHROME_PATTERNS setting.
DEFAULT_CHROME_PATTERNS = [
    r"^(©|\(c\)\s|copyright\s*(©|\(c\)|\d{4}))",
    r"^all rights reserved\.?$",
    r"^все права защищены",
    r"make active links? to the source",
    r"when using (the )?materials (of|from) this (web)?site",
    r"^при (использовании|перепечатке|цитировании) материалов",
    r"^if you (have )?(found|find|noticed|see) an? (spelling )?(error|mistake|typo)",
    r"^spelling error report$",
    r"^the following text will be sent to (our|the) editors",
    r"^если вы (нашли|заметили|обнаружили) (ошибку|опечатку)",
    r"^сообщение об ошибке$",
    r"^следующий текст будет отправлен",
    r"\bctrl\s*\+\s*enter\b",
]

# Prefixes that mark an answer rather than a question ("A:", "Ответ:").
ANSWER_LABELS = {"a", "answer", "о", "ответ"}
# Prefixes that mark a question even when the transcript has only one.
QUESTION_LABELS = {"q", "question", "в", "вопрос"}

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_PREFIX = re.compile(r"^(?P<label>[^\W\d_][\w.&'’ -]{0,39}?)\s*:(?:\s+|$)")
# "<caption>. Photo: <credit>"; a lowercase "photo:" mid-sentence is interview text.
_PHOTO = re.compile(
    r"^(?:(?P<caption>.{1,250}?)\s*[.,;|/–—-]\s+)?"
    r"(?P<keyword>Photo|PHOTO|Фото|ФОТО)\s*:\s*(?P<credit>\S.{0,119})$"
)
_NAME_WORD = r"[^\W\d_][\w'’.-]*"
# "<Name> is a …", "<Name> was the …", or the Russian "<Имя> – …".
_BIO = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
    r"(?:\s+(?:is|was)\s+(?=(?:a|an|the)\s)|\s+[–—-]\s+)(?P<rest>\S.*)",
    re.DOTALL,
)
_NOT_NAMES = {
    "a", "an", "the", "this", "that", "these", "those", "it", "he", "she", "they", "we", "you",
    "there", "here", "his", "her", "its", "their", "our", "my", "your", "what", "which", "who",
    "in", "on", "at", "for", "and", "but", "one", "each", "every",
    "это", "он", "она", "они", "мы", "вы", "там", "здесь", "его", "её", "их", "наш", "в", "на", "и", "но",
}  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=\S)[.!?…]+(?=\s)")
_ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "vs", "etc", "no", "г", "им", "ул", "т"}
_INSERTION = re.compile(r"\{([^{}\n]+)\}")
_UNWRAP_AFTER = re.compile(r"[\w,–—-]$")


class TranscriptError(ValueError):
    """A transcript that cannot be imported; the message tells the editor what to do."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Paragraph:
    text: str
    bold: bool = False


@dataclass
class ParsedBlock:
    kind: str
    text: str = ""
    caption: str = ""
    credit: str = ""
    # The word that introduced the credit ("Photo", "Фото"), kept for the stored credit line.
    credit_label: str = ""


@dataclass
class ParsedTranscript:
    title: str
    lead: str = ""
    expert_name: str = ""
    expert_bio: str = ""
    expert_role: str = ""
    interviewer_label: str = ""
    answer_label: str = ""
    blocks: list[ParsedBlock] = field(default_factory=list)
    insertions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def question_count(self):
        return sum(block.kind == QUESTION for block in self.blocks)

    @property
    def answer_count(self):
        """Count answers; an answer interrupted by a photo is still one answer."""
        count, previous = 0, None
        for block in self.blocks:
            if block.kind == ANSWER and previous != ANSWER:
                count += 1
            if block.kind != IMAGE:
                previous = block.kind
        return count

    @property
    def images(self):
        return [block for block in self.blocks if block.kind == IMAGE]

    @property
    def language(self):
        """Guess the language: Russian when most letters are Cyrillic, else English."""
        text = " ".join([self.title, self.lead, *(block.text for block in self.blocks)])
        letters = sum(char.isalpha() for char in text)
        cyrillic = sum("\u0400" <= char <= "\u04ff" for char in text)
        return "ru" if letters and cyrillic * 2 > letters else "en"


def chrome_patterns():
    """Return the compiled site-chrome patterns from settings, or the defaults."""
    patterns = getattr(settings, "TRANSCRIPT_CHROME_PATTERNS", DEFAULT_CHROME_PATTERNS)
    return [re.compile(pattern, re.IGNORECASE) for pattern in patterns]


def is_chrome(line, patterns=None):
    """Return whether a line is site chrome rather than interview text."""
    line = line.strip()
    if not line or len(line) > CHROME_MAX_LENGTH:
        return False
    return any(pattern.search(line) for pattern in patterns or chrome_patterns())


def normalise_text(text):
    """Return text with one kind of line break and without control characters."""
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


def parse_text(text, label=None):
    """Parse a pasted or plain-text transcript."""
    lines = normalise_text(text or "").split("\n")
    patterns = chrome_patterns()
    lines = [line.strip() for line in lines if not is_chrome(line, patterns)]
    return parse_paragraphs([Paragraph(line) for line in _unwrap(lines) if line], label=label)


def read_docx(data):
    """Return the paragraphs of a .docx file in order, tables included, with their bold marks."""
    if refusal := docx_refusal(data):
        raise TranscriptError(refusal)
    try:
        document = docx.Document(io.BytesIO(data))
        return [Paragraph(p.text, _is_bold(p)) for p in _docx_paragraphs(document)]
    # A damaged file fails deep inside zipfile, lxml or python-docx with many exception types.
    except Exception as error:
        raise TranscriptError(
            "This .docx file could not be read. Open it in Word or LibreOffice, save it again "
            "as .docx, or paste the text instead."
        ) from error


def read_upload(filename, data, label=None):
    """Parse an uploaded .txt or .docx transcript given as bytes."""
    name = (filename or "").lower()
    if not data:
        raise TranscriptError("The file is empty. Choose the file with the transcript text.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise TranscriptError(
            f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB. A transcript is "
            "text only: remove pictures from it, or paste the text instead."
        )
    if name.endswith(".docx"):
        patterns = chrome_patterns()
        paragraphs = [
            Paragraph(_drop_chrome_lines(normalise_text(p.text), patterns), p.bold) for p in read_docx(data)
        ]
        return parse_paragraphs(paragraphs, label=label)
    if name.endswith(".txt"):
        text, encoding_warning = _decode(data)
        parsed = parse_text(text, label=label)
        if encoding_warning:
            parsed.warnings.append(encoding_warning)
        return parsed
    raise TranscriptError(
        "Only .txt and .docx files can be imported. Save the transcript in one of these formats "
        "(a .doc or .rtf file can be saved as .docx from Word), or paste the text."
    )


def parse_paragraphs(paragraphs, label=None):
    """Parse a transcript given as paragraphs with their bold marks."""
    paragraphs = [Paragraph(p.text.strip(), p.bold) for p in paragraphs if p.text.strip()]
    if not paragraphs:
        raise TranscriptError(
            "The transcript is empty (or has nothing but site notices). "
            "Paste the interview text or upload a .txt or .docx file."
        )
    if label is not None:
        label = label.strip().rstrip(":").strip()
        if len(label) > LABEL_MAX_LENGTH:
            raise TranscriptError(f"The interviewer's label is longer than {LABEL_MAX_LENGTH} characters.")
    title_paragraph, body = paragraphs[0], paragraphs[1:]
    warnings = []
    title, lead_start = _title(title_paragraph.text, warnings)
    expert_keys = {key for p in body if (bio := _bio(p.text)) for key in _name_keys(bio[0])}

    label, answer_candidates = _choose_label(body, label, expert_keys)
    if label:
        question_pattern = re.compile(rf"^{re.escape(label)}\s*:\s*(?=\S)", re.IGNORECASE)

        def question_text(paragraph):
            match = question_pattern.match(paragraph.text)
            return paragraph.text[match.end() :] if match else None

    elif any(p.bold for p in body):
        warnings.append("No interviewer's label was found; paragraphs set in bold were taken as questions.")

        def question_text(paragraph):
            return paragraph.text if paragraph.bold and not _bio(paragraph.text) else None

    else:
        raise TranscriptError(
            "No questions were found. Each question should start with the interviewer's label and "
            "a colon, e.g. “Q:” or “Meridian:” (or be set in bold in a .docx file). If the label "
            "is there, enter it in the label field and try again."
        )
    if label and question_text(title_paragraph) is not None:
        warnings.append("The first line looks like a question but was taken as the title; check the title.")

    intro, blocks = _split(body, question_text)
    if not any(block.kind == QUESTION for block in blocks):
        raise TranscriptError(
            f"No question starting with “{label}:” was found. Check the interviewer's label and try again."
            if label
            else "No questions were found: the bold paragraphs introduce people rather than ask questions."
        )

    parsed = ParsedTranscript(title=title, interviewer_label=label or "", blocks=blocks, warnings=warnings)
    bio_text = _choose_bio(parsed, intro)
    parsed.lead = "\n\n".join([lead_start, *(text for text in intro if text is not bio_text)]).strip()
    _strip_answer_labels(parsed, answer_candidates)
    _check(parsed)
    return parsed


def _unwrap(lines):
    """Join hard-wrapped lines: a line continues the previous one when that stops mid-sentence."""
    joined = []
    for line in lines:
        if (
            joined
            and line[:1].islower()
            and _UNWRAP_AFTER.search(joined[-1])
            and not (_prefix(line) or _photo(joined[-1]))
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _drop_chrome_lines(text, patterns):
    return "\n".join(line for line in text.split("\n") if not is_chrome(line, patterns)).strip()


def _decode(data):
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _text_or_error(data.decode("utf-16", errors="replace")), None
    if b"\x00" in data:
        raise _binary_error()
    try:
        return _text_or_error(data.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        text = _text_or_error(data.decode("cp1251", errors="replace"))
        return text, "The file is not UTF-8; it was read as Windows-1251 (Cyrillic). Check the letters."


def _text_or_error(text):
    unprintable = sum(not (char.isprintable() or char in "\n\r\t") for char in text)
    if unprintable * 10 > len(text):
        raise _binary_error()
    return text


def _binary_error():
    return TranscriptError(
        "This file does not look like text. Upload the transcript as a .txt or .docx file, or paste the text."
    )


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


def _is_bold(paragraph):
    runs = [
        run
        for item in paragraph.iter_inner_content()
        for run in (item.runs if isinstance(item, Hyperlink) else [item])
        if run.text.strip()
    ]
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)

    def bold(run):
        if run.bold is not None:
            return run.bold
        return bool(run.style is not None and run.style.font.bold) or style_bold

    return bool(runs) and all(bold(run) for run in runs)


def _title(text, warnings):
    """Return the title and, when the first paragraph is too long for one, the text for the lead."""
    text = " ".join(text.split("\n"))
    if len(text) <= TITLE_MAX_LENGTH:
        return text, ""
    warnings.append("The first paragraph is too long for a title; it was shortened and kept in the lead.")
    return text[: TITLE_MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip() + "…", text


def _key(label):
    return " ".join(label.split()).casefold()


def _prefix(text):
    match = _PREFIX.match(text)
    return match.group("label") if match and len(match.group("label").split()) <= 5 else None


def _photo(text):
    if "\n" in text:
        return None
    match = _PHOTO.match(text)
    if not match:
        return None
    caption = (match.group("caption") or "").strip()
    return caption, match.group("credit").strip(), match.group("keyword")


def _bio(text):
    """Return (name, predicate) when a paragraph introduces someone as '<Name> is a …'."""
    match = _BIO.match(text)
    if not match:
        return None
    name = " ".join(match.group("name").split())
    words = name.split()
    if len(name) > 100 or words[0].casefold() in _NOT_NAMES or not all(w[0].isupper() for w in words):
        return None
    return name, match.group("rest")


def _name_keys(name):
    """Return the ways an answer may be prefixed with this name: in full or by surname."""
    return {_key(name), _key(name.split()[-1])}


def _role(predicate, warnings):
    """Return the first sentence of the predicate, e.g. 'a research fellow at X'."""
    role = predicate.strip()
    for match in _SENTENCE_END.finditer(role):
        word = re.split(r"[\s.]", role[: match.start()])[-1]
        if len(word) > 1 and word.casefold() not in _ABBREVIATIONS:
            role = role[: match.start()]
            break
    role = role.strip().rstrip(".!?…").strip()
    if len(role) > ROLE_MAX_LENGTH:
        warnings.append(
            "The expert's role could not be told apart from the rest of the bio; enter it by hand."
        )
        return ""
    return role


def _choose_bio(parsed, intro):
    """Take the paragraph introducing the expert, preferring one whose name recurs; return it."""
    candidates = [(text, bio) for text in intro if (bio := _bio(text))]
    if not candidates:
        return None

    def mentioned(text, name):
        others = [parsed.title, *(t for t in intro if t is not text)]
        others += [part for b in parsed.blocks for part in (b.text, b.caption, b.credit)]
        return any(key in _key(other) for key in _name_keys(name) for other in others)

    text, (name, predicate) = next(
        (candidate for candidate in candidates if mentioned(candidate[0], candidate[1][0])), candidates[0]
    )
    if not mentioned(text, name):
        parsed.warnings.append(
            f"“{name}” was taken as the expert from the paragraph introducing them; check it."
        )
    parsed.expert_name, parsed.expert_bio = name, text
    parsed.expert_role = _role(predicate, parsed.warnings)
    return text


def _choose_label(body, label, expert_keys):
    """Return the interviewer's label and the other repeated prefixes that may mark answers."""
    counts, spellings = Counter(), {}
    for paragraph in body:
        prefix = _prefix(paragraph.text)
        if prefix and not _photo(paragraph.text):
            counts[_key(prefix)] += 1
            spellings.setdefault(_key(prefix), " ".join(prefix.split()))
    repeated = [key for key, count in counts.items() if count >= 2 or key in QUESTION_LABELS]
    if label:
        return label, [spellings[key] for key in repeated if key != _key(label)]
    questions = [key for key in repeated if key not in ANSWER_LABELS and key not in expert_keys]
    if not questions:
        return None, [spellings[key] for key in repeated]
    # Counter keeps first-seen order; an interview opens with a question, so the first repeated
    # prefix is the interviewer's.
    chosen = questions[0]
    return spellings[chosen], [spellings[key] for key in repeated if key != chosen]


def _split(body, question_text):
    """Return the paragraphs before the first question, and the blocks."""
    intro, blocks, answer = [], [], []
    previous_photo, asked = None, False

    def close_answer():
        if answer:
            blocks.append(ParsedBlock(ANSWER, "\n\n".join(answer)))
            answer.clear()

    for paragraph in body:
        photo = _photo(paragraph.text)
        if photo:
            if photo[:2] != previous_photo:
                close_answer()
                caption, credit, keyword = photo
                blocks.append(ParsedBlock(IMAGE, caption=caption, credit=credit, credit_label=keyword))
            previous_photo = photo[:2]
            continue
        previous_photo = None
        question = question_text(paragraph)
        if question is not None:
            close_answer()
            blocks.append(ParsedBlock(QUESTION, question))
            asked = True
        elif asked:
            answer.append(paragraph.text)
        else:
            intro.append(paragraph.text)
    close_answer()
    return intro, blocks


def _strip_answer_labels(parsed, candidates):
    """Remove 'A:' or the expert's name from the start of answer paragraphs."""
    keys = set(ANSWER_LABELS)
    if parsed.expert_name:
        keys |= _name_keys(parsed.expert_name)
    starts = Counter(_key(prefix) for block in parsed.blocks if (prefix := _answer_start(block)))
    speaker = next((c for c in candidates if starts[_key(c)] >= 2 and _key(c) not in keys), "")
    if speaker:
        keys.add(_key(speaker))
        if not parsed.expert_name:
            parsed.expert_name = speaker
            parsed.warnings.append(
                f"No paragraph introducing the expert was found; “{speaker}”, who starts the "
                "answers, was taken as the expert."
            )
    unexplained = [c for c in candidates if _key(c) not in keys]
    if unexplained:
        parsed.warnings.append(
            "Several paragraphs also start with “{}:”; they were kept as text. If that is the "
            "interviewer, enter it as the label.".format(":”, “".join(unexplained))
        )
    stripped = []
    for block in parsed.blocks:
        if block.kind != ANSWER:
            continue
        paragraphs = []
        for text in block.text.split("\n\n"):
            prefix = _prefix(text)
            if prefix and _key(prefix) in keys:
                stripped.append(" ".join(prefix.split()))
                text = _PREFIX.sub("", text, count=1)
            if text:
                paragraphs.append(text)
        block.text = "\n\n".join(paragraphs)
    parsed.blocks = [block for block in parsed.blocks if block.kind != ANSWER or block.text]
    # Show the editor what was removed: the speaker's label, else the commonest mark ("A").
    parsed.answer_label = speaker or (Counter(stripped).most_common(1)[0][0] if stripped else "")


def _answer_start(block):
    return _prefix(block.text) if block.kind == ANSWER else None


def _check(parsed):
    """Collect editorial insertions and warn about what the editor should look at."""
    texts = [parsed.title, parsed.lead, parsed.expert_bio, *(block.text for block in parsed.blocks)]
    for text in texts:
        parsed.insertions.extend(_INSERTION.findall(text))
        if "{" in _INSERTION.sub("", text) or "}" in _INSERTION.sub("", text):
            parsed.warnings.append(
                f"A brace has no partner in “{text[:60]}…”; an editorial insertion looks {{like this}}."
            )
    if not parsed.expert_name:
        parsed.warnings.append("No expert was found; choose one before creating the draft.")
    if not parsed.lead:
        parsed.warnings.append("No lead was found between the title and the first question.")
    number = 0
    for block, following in zip(parsed.blocks, [*parsed.blocks[1:], None], strict=True):
        if block.kind == QUESTION:
            number += 1
            if following is None or following.kind == QUESTION:
                parsed.warnings.append(f"Question {number} has no answer.")
