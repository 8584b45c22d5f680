"""Find the people in a transcript: who is introduced by a bio, named in a caption, or speaks."""

import re

ROLE_MAX_LENGTH = 300

_NAME_WORD = r"[^\W\d_][\w'’.-]*"
# "<Name> is a …", "<Name> was the …", or the Russian "<Имя> – …".
_BIO = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
    r"(?:,\s+[^,]{1,80},)?"
    r"(?:\s+(?:is|was|has been|works as)\s+(?=(?:a|an|the|one|head|director|chair|professor|senior)\b)"
    r"|\s+[–—-]\s+)(?P<rest>\S.*)",
    re.DOTALL,
)
_NOT_NAMES = {
    "a", "an", "the", "this", "that", "these", "those", "it", "he", "she", "they", "we", "you",
    "there", "here", "his", "her", "its", "their", "our", "my", "your", "what", "which", "who",
    "in", "on", "at", "for", "and", "but", "one", "each", "every", "if", "when", "so",
    "это", "он", "она", "они", "мы", "вы", "там", "здесь", "его", "её", "их", "наш", "в", "на", "и", "но",
}  # fmt: skip
_HONORIFIC = re.compile(r"^(?:(?:dr|prof|mr|mrs|ms|sir|dame)\.?\s+)+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=\S)[.!?…]+(?=\s|$)")
_ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "vs", "etc", "no", "г", "им", "ул", "т"}
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
# "<caption>. Photo: <credit>"; a lowercase "photo:" mid-sentence is interview text.
_PHOTO = re.compile(
    r"^(?:(?P<caption>.{1,250}?)\s*[.,;|/–—-]\s+)?"
    r"(?P<keyword>Photo|PHOTO|Фото|ФОТО|Foto|FOTO|Сурет)\s*:\s*(?P<credit>\S.{0,119})$"
)
# Transcription tools' names for speakers they could not name: "Speaker 1", "SPEAKER_00", "Спикер 2".
_GENERIC_SPEAKER = re.compile(
    r"^(?:speaker|spk|person|participant|voice|guest|respondent|interviewee|unknown|спикер|"
    r"говорящий|участник|голос|гость|респондент)[\s_#-]*\d*$",
    re.IGNORECASE,
)
INTERVIEWER_LABELS = {
    "q", "question", "interviewer", "host", "moderator", "journalist", "reporter", "correspondent",
    "editor", "в", "вопрос", "интервьюер", "ведущий", "ведущая", "журналист", "корреспондент",
}  # fmt: skip
ANSWER_LABELS = {"a", "answer", "о", "ответ"}


def key(label):
    """Return a label or name in the form names are compared in."""
    return " ".join(label.split()).casefold()


def name_keys(name):
    """Return the ways a paragraph may be prefixed with this name: in full or by surname."""
    words = name.split()
    return {key(name), key(words[-1])} if words else set()


def mentions(text, name):
    """Return whether text names this person, in full or by surname."""
    folded = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", folded) for k in name_keys(name))


def is_generic_speaker(label):
    return bool(_GENERIC_SPEAKER.match(label.strip()))


def photo(text):
    """Return (caption, credit, keyword) for a photo caption line, else None."""
    if "\n" in text:
        return None
    match = _PHOTO.match(text)
    if not match:
        return None
    caption = (match.group("caption") or "").strip()
    return caption, match.group("credit").strip(), match.group("keyword")


def bio(text):
    """Return (name, predicate) when a paragraph introduces someone as '<Name> is a …'."""
    match = _BIO.match(text)
    if not match:
        return None
    name = _HONORIFIC.sub("", " ".join(match.group("name").split()))
    words = name.split()
    if len(words) < 2:
        return None
    if len(name) > 100 or words[0].casefold() in _NOT_NAMES or not all(w[0].isupper() for w in words):
        return None
    return name, match.group("rest")


def role(predicate, warnings):
    """Return the first sentence of the predicate as a role: 'Research fellow at X'."""
    text = predicate.strip()
    for match in _SENTENCE_END.finditer(text):
        word = re.split(r"[\s.]", text[: match.start()])[-1]
        if len(word) > 1 and word.casefold() not in _ABBREVIATIONS:
            text = text[: match.start()]
            break
    text = _ARTICLE.sub("", text.strip().rstrip(".!?…").strip())
    if len(text) > ROLE_MAX_LENGTH:
        warnings.append(
            "An expert's role could not be told apart from the rest of the bio; enter it by hand."
        )
        return ""
    return text[:1].upper() + text[1:]


def full_name(surname, texts):
    """Return "First Surname" when the texts write the surname after a capitalised first name."""
    pattern = re.compile(rf"(?<!\w)((?:[^\W\d_][\w'’-]*\s+){{1,2}}){re.escape(surname)}(?!\w)")
    for text in texts:
        for match in pattern.finditer(text):
            words = match.group(1).split()
            while words and not (words[0][0].isupper() and words[0].casefold() not in _NOT_NAMES):
                words.pop(0)
            if words and all(word[0].isupper() for word in words):
                return " ".join([*words, surname])
    return surname


def looks_like_name(text):
    """Return whether a short text could be a person's name: two to four capitalised words."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(word[0].isupper() and word[0].isalpha() for word in words)
