"""What the transcript reader understood: plain data, saved by interviews/importer.py."""

import re
from dataclasses import dataclass, field

QUESTION, ANSWER, IMAGE = "question", "answer", "image"
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


class TranscriptError(ValueError):
    """A transcript that cannot be imported; the message tells the editor what was found and what to do."""

    def __init__(self, message, filename=""):
        super().__init__(message)
        self.reason = message
        self.filename = filename
        self.message = f"“{filename}”: {message}" if filename else message


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    # A .docx heading's level: 0 for the Title style, 1 for Heading 1; None for body text.
    heading: int | None = None
    # The speaker's label when the source marks turns itself (a transcription tool's export).
    speaker: str | None = None


@dataclass
class ParsedBlock:
    kind: str
    text: str = ""
    caption: str = ""
    credit: str = ""
    # The word that introduced the credit ("Photo", "Фото"), kept for the stored credit line.
    credit_label: str = ""
    # For an answer: the index of its speaker in ParsedTranscript.experts, None for the first.
    speaker: int | None = None
    # For an image: the index of the expert its caption names, if any.
    person: int | None = None


@dataclass
class ParsedExpert:
    name: str
    bio: str = ""
    role: str = ""
    # The label the transcript uses for this speaker ("Speaker 2", "Ospanov"), if any.
    label: str = ""
    photo_credit: str = ""


@dataclass
class DroppedLine:
    text: str
    reason: str


@dataclass
class ParsedTranscript:
    title: str
    lead: str = ""
    experts: list[ParsedExpert] = field(default_factory=list)
    interviewer_label: str = ""
    answer_label: str = ""
    # Another outlet the material seems to come from (a rights line or the question label).
    partner: str = ""
    blocks: list[ParsedBlock] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)
    insertions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def expert(self):
        return self.experts[0] if self.experts else ParsedExpert("")

    @property
    def expert_name(self):
        return self.expert.name

    @property
    def expert_bio(self):
        return self.expert.bio

    @property
    def expert_role(self):
        return self.expert.role

    @property
    def unnamed_speakers(self):
        """Return the experts known only by a transcription tool's label, for the editor to name."""
        return [expert for expert in self.experts if not expert.name]

    @property
    def question_count(self):
        return sum(block.kind == QUESTION for block in self.blocks)

    @property
    def answer_count(self):
        """Count answers; an answer interrupted by a photo is still one answer."""
        count, previous = 0, None
        for block in self.blocks:
            continued = previous is not None and previous.kind == ANSWER and previous.speaker == block.speaker
            if block.kind == ANSWER and not continued:
                count += 1
            if block.kind != IMAGE:
                previous = block
        return count

    @property
    def images(self):
        return [block for block in self.blocks if block.kind == IMAGE]

    @property
    def language(self):
        """Guess the language: Russian when most letters are Cyrillic, else English."""
        text = " ".join([self.title, self.lead, *(block.text for block in self.blocks)])
        letters = len(_LETTER.findall(text))
        cyrillic = len(_CYRILLIC.findall(text))
        return "ru" if letters and cyrillic * 2 > letters else "en"
