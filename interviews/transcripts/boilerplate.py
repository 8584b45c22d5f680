"""Tell site chrome (rights lines, reuse notices, cross-links, share prompts) from interview text.

A line is chrome by evidence that holds across outlets and languages: its position (before the
title, after the last answer), its shape (short, no sentence, a link, a keyboard shortcut) and
what it is about (rights, reuse, reading on, sharing, reporting errors: word stems in several
languages). The editor's list of phrases (TRANSCRIPT_CHROME_PATTERNS) is one hint among these.
Each test returns the reason shown to the editor, or "".
"""

import re

from django.conf import settings

# Site chrome is a short line; a long paragraph that happens to match is interview text.
CHROME_MAX_LENGTH = 300

# Regular expressions (searched case-insensitively) for text a reader copies along with the
# interview. Override with the TRANSCRIPT_CHROME_PATTERNS setting.
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


def _stems(*words):
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")", re.IGNORECASE)


_RIGHTS = re.compile(
    r"©|\(c\)\s|\bcopyright\b|all rights reserved|права защищены|права захищені|alle rechte|"
    r"tous droits|todos los derechos|tutti i diritti|wszelkie prawa|barcha huquqlar|құқықтар қорғалған",
    re.IGNORECASE,
)
_LINK = _stems(
    r"(?:hyper)?links?", "source", "attribution", r"(?:гипер)?ссылк", "источник", "посилан", "джерел",
    "quelle", "verlink", "lien", "enlace", "fuente", "fonte", "collegament", "odnośnik", "źródł",
    "havola", "manba", "сілтеме", "дереккөз",
)  # fmt: skip
_REUSE = _stems(
    "us(?:e|ing)", "reprint", "reproduc", "republish", "cop(?:y|ying)", "quot", "cit(?:e|ing)",
    "permission", "перепеч", "использ", "копир", "цитир", "воспроизв", "распростран", "разреш",
    "передрук", "використ", "verwend", "nutz", "wiedergabe", "utilis", "reproducción", "uso", "utiliz",
    "riproduz", "wykorzyst", "przedruk", "foydalan", "пайдалан", "көшір",
)  # fmt: skip
# Conditions are rules: what is allowed, required or forbidden, or a plea to follow them.
_RULE = _stems(
    "only", "must", "requir", "mandatory", "allowed", "permit", "prohibit", "forbid", "please", "obligat",
    "обязательн", "только", "разреш", "запрещ", "допуск", "необходим", "просим", "обов", "лише", "дозвол",
    "nur", "gestattet", "erlaubt", "untersagt", "autoris", "interdit", "solo", "sólo", "permitid",
    "prohibid", "obbligator", "consentit", "wyłącznie", "tylko", "faqat", "ruxsat", "тек", "рұқсат",
)  # fmt: skip
_READ_ON = _stems(
    r"read (?:also|more|next|on)", r"see also", r"also read", "related", r"more on", "further reading",
    "recommended", "you may also", "читайте", r"читать (?:также|далее)", "смотрите также", "по теме",
    "подробнее", "рекомендуем", "дивіться також", "lesen sie", "siehe auch", r"mehr zum",
    r"(?:à )?lire aussi", "voir aussi", "leer también", "lee también", "ver también", "leia também",
    "veja também", "leggi anche", r"czytaj (?:też|także)", "zobacz też", "shuningdek", "оқыңыз",
)  # fmt: skip
_ERROR = _stems(
    "error", "mistake", "typo", "ошибк", "опечат", "помилк", "fehler", "erreur", "faute", "errata",
    "błąd", "xato", "қате",
)  # fmt: skip
_REPORT = _stems(
    "report", "select", "highlight", "notify", "press", "let us know", "tell us", "сообщ", "выдел",
    "нажм", "укаж", "повідом", "виділ", "melden", "markier", "signal", "sélection", "selecc", "informa",
    "zgłoś", "zaznacz", "belgila", "хабарла",
)  # fmt: skip
_SHARE = _stems(
    "share", "subscribe", "follow us", "join us", "поделит", "подпис", "поділит", "підпис", "teilen",
    "abonn", "partager", "compartir", "suscr", "condividi", "iscriv", "udostępnij", "subskryb", "ulash",
    "obuna", "facebook", "twitter", "telegram", "whatsapp", "instagram", "youtube", "linkedin", "viber",
    "вконтакте", "одноклассники", "vk",
)  # fmt: skip
_NAVIGATION = _stems(
    "next", "previous", "back to", "home", "menu", "tags?", "topics?", "print", "comments?", "назад",
    "следующ", "предыдущ", "главная", "теги", "метки", "рубрик", "комментар", "печать", "weiter",
    "zurück", "suivant", "précédent", "siguiente", "anterior",
)  # fmt: skip
_SHORTCUT = re.compile(r"\b(?:ctrl|cmd|command|control)\s*\+\s*\w+", re.IGNORECASE)
_URL = re.compile(
    r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|org|net|info|asia|ru|kz|uz|kg|tj|ua)\b/?\S*|\S+@\S+\.\w+"
)
_ARROW = re.compile(r"^[→►▶»>•]+\s*")
SHORT_LINE = "a short line that is not a sentence"
_SENTENCE = re.compile(r"[.!?…»\"”)]$")


def chrome_patterns():
    """Return the compiled site-chrome phrase patterns from settings, or the defaults."""
    patterns = getattr(settings, "TRANSCRIPT_CHROME_PATTERNS", DEFAULT_CHROME_PATTERNS)
    return [re.compile(pattern, re.IGNORECASE) for pattern in patterns]


def is_chrome(line, patterns=None):
    """Return whether a line, wherever it stands, is site chrome rather than interview text."""
    return bool(chrome_reason(line, patterns))


def chrome_reason(line, patterns=None, *, phrases=True):
    """Return why a line is site chrome even inside the article, or ""."""
    line = line.strip()
    if not line or len(line) > CHROME_MAX_LENGTH:
        return ""
    if _RIGHTS.match(line):
        return "a rights line"
    if _SHORTCUT.search(line):
        return "an error-report prompt"
    return cross_link_reason(line) or (phrases and _phrase_reason(line, patterns)) or ""


def _phrase_reason(line, patterns):
    if any(pattern.search(line) for pattern in patterns or chrome_patterns()):
        return "a site notice in the importer's list"
    return ""


def notice_reason(line, patterns=None):
    """Return why a line outside the questions and answers is a site notice, or ""."""
    reason = chrome_reason(line, patterns, phrases=False)
    line = line.strip()
    if reason or not line or len(line) > CHROME_MAX_LENGTH:
        return reason
    if _RIGHTS.search(line):
        return "a rights line"
    if _LINK.search(line) and _REUSE.search(line) and _RULE.search(line) and len(line.split()) <= 40:
        return "reuse conditions"
    if _ERROR.search(line) and _REPORT.search(line):
        return "an error-report prompt"
    if _SHARE.search(line) and len(line.split()) <= 12:
        return "a share or subscribe prompt"
    if _URL.fullmatch(line):
        return "a web address"
    return _phrase_reason(line, patterns)


def cross_link_reason(line):
    """Return why a line links to another page rather than being interview text, or ""."""
    line = line.strip()
    if not line or len(line) > CHROME_MAX_LENGTH:
        return ""
    if _READ_ON.match(_ARROW.sub("", line)):
        return "a link to another article"
    if _URL.fullmatch(line) or (_ARROW.match(line) and not _SENTENCE.search(line)):
        return "a link to another article"
    return ""


def edge_reason(line, patterns=None):
    """Return why a line at the very start or end of a copied page is chrome, or ""."""
    reason = notice_reason(line, patterns)
    line = line.strip()
    words = line.split()
    if reason or not words or len(words) > 25:
        return reason
    if _URL.search(line):
        return "a line with a web address"
    if _NAVIGATION.search(line) and len(words) <= 5 and not _SENTENCE.search(line):
        return "site navigation"
    if line.endswith(":") or (len(words) <= 3 and not _SENTENCE.search(line)):
        return SHORT_LINE
    return ""


def rights_holder(line):
    """Return the outlet a rights line names ("© 2024 Steppe Review. All rights reserved"), or ""."""
    match = re.search(
        r"(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(.+)", line, re.I
    )
    if not match:
        return ""
    holder = re.split(r"\s+[-–—|]\s+|\.\s|[,;]|\s+all rights", match.group(1), maxsplit=1, flags=re.I)[0]
    holder = holder.strip(" .").strip()
    return holder if 0 < len(holder.split()) <= 6 and not _LINK.search(holder) else ""


_OUTLET_WORDS = re.compile(
    r"(?<!\w)(?:news|times|post|media|radio|tv|journal|gazette|herald|daily|weekly|review|press|"
    r"agency|bureau|magazine|online|info|новости|газета|медиа|радио|журнал|агентство|ревю)(?!\w)",
    re.IGNORECASE,
)


def partner_outlet(label, dropped):
    """Return the outlet that a dropped rights line or the question label names, or ""."""
    holders = [holder for line in dropped if (holder := rights_holder(line))]
    initials = {"".join(word[0] for word in holder.split()).casefold(): holder for holder in holders}
    if label and label.casefold() in initials:
        # "NLM:" before questions, "© Northern Lights Media" above them: the full name.
        return initials[label.casefold()]
    if label and _looks_like_outlet(label, holders):
        return label
    return holders[0] if holders else ""


def _looks_like_outlet(label, holders):
    if any(label.casefold() in h.casefold() or h.casefold() in label.casefold() for h in holders):
        return True
    letters = [c for c in label if c.isalpha()]
    return bool(
        re.search(r"\w\.\w{2,}", label)
        or (len(letters) >= 2 and all(c.isupper() for c in letters))
        or _OUTLET_WORDS.search(label)
    )
