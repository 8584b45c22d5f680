"""Find an interview's parts in its paragraphs: title, lead, experts, questions, answers, photos."""

import re
from collections import Counter

from django.conf import settings

from interviews.transcripts import boilerplate, people, turns
from interviews.transcripts.formats import header_field, strip_prefix
from interviews.transcripts.parsed import (
    ANSWER,
    IMAGE,
    QUESTION,
    DroppedLine,
    ParsedBlock,
    ParsedExpert,
    ParsedTranscript,
    TranscriptError,
)

TITLE_MAX_LENGTH = 300
LABEL_MAX_LENGTH = 100
# The title stands before the first paragraph this long that introduces nobody.
PROSE_MIN_LENGTH = 300
_INSERTION = re.compile(r"\{([^{}\n]+)\}")


def parse_paragraphs(paragraphs, label=None, keep=(), patterns=None):
    """Parse a transcript given as paragraphs; lines in `keep` are never dropped as chrome."""
    paragraphs = [p for p in paragraphs if p.text.strip()]
    for p in paragraphs:
        p.text = p.text.strip()
    if not paragraphs:
        raise TranscriptError(
            "The transcript is empty (or has nothing but site notices). "
            "Paste the interview text or upload a .txt, .docx, .vtt or .srt file."
        )
    if label is not None:
        label = label.strip().rstrip(":").strip()
        if len(label) > LABEL_MAX_LENGTH:
            raise TranscriptError(f"The interviewer's label is longer than {LABEL_MAX_LENGTH} characters.")
    patterns = patterns or boilerplate.chrome_patterns()
    if all(boilerplate.notice_reason(p.text, patterns) and p.text not in keep for p in paragraphs):
        raise TranscriptError(
            f"The transcript is empty: it has nothing but site notices ({len(paragraphs)} "
            f"line{'s' if len(paragraphs) > 1 else ''} such as “{paragraphs[0].text[:60]}”). "
            "Paste the interview text."
        )
    return _Reader(paragraphs, label or None, set(keep), patterns).read()


class _Reader:
    def __init__(self, paragraphs, label, keep, patterns):
        self.keep, self.patterns = keep, patterns
        self.parsed = ParsedTranscript(title="")
        self.fields = {"title": [], "lead": [], "bio": []}
        self.paragraphs = []
        for paragraph in paragraphs:
            found = header_field(paragraph.text) if paragraph.speaker is None else None
            if found:
                self.fields[found[0]].append(found[1])
            else:
                self.paragraphs.append(paragraph)
        self.label = label
        self.exported = any(p.speaker for p in self.paragraphs)
        self.intro_photos = []

    def read(self):
        parsed = self.parsed
        bios = [(i, p.text, *found) for i, p in enumerate(self.paragraphs) if (found := people.bio(p.text))]
        bio_keys = {k for _, _, name, _ in bios for k in people.name_keys(name)}
        site = people.key(getattr(settings, "SITE_NAME", ""))
        interviewer = turns.choose_interviewer(self.paragraphs, self.label, bio_keys, site, self.exported)
        levels = {p.heading for p in self.paragraphs if p.heading is not None}
        # With headings of several levels, the top one is the title's, not a question's.
        self.title_level = min(levels) if len(levels) > 1 else None
        if not interviewer and any(self._is_question(p, None) for p in self.paragraphs[1:]):
            parsed.warnings.append(
                "No interviewer's label was found; paragraphs set in bold or as headings were taken "
                "as questions."
            )
        first = self._first_question(interviewer)
        intro, body = self.paragraphs[:first], self.paragraphs[first:]
        if not self.exported:
            self._label_turns(body, interviewer, bio_keys)
        self._experts([bio[1:] for bio in bios if bio[0] < first], body, interviewer)
        self._title_and_lead(intro)
        body = self._drop_body_chrome(body, interviewer)
        parsed.blocks = self._blocks(body, interviewer)
        if not any(block.kind == QUESTION for block in parsed.blocks):
            raise self._no_questions()
        parsed.interviewer_label = interviewer or ""
        self._check_bios()
        parsed.partner = self._partner()
        self._check()
        return parsed

    # --- Who asks -------------------------------------------------------------------------

    def _is_question(self, paragraph, interviewer):
        if interviewer:
            found = turns.label_of(paragraph)
            return bool(found) and people.key(found) == people.key(interviewer)
        heading = paragraph.heading is not None and paragraph.heading != self.title_level
        return (paragraph.bold or heading) and not people.bio(paragraph.text)

    def _first_question(self, interviewer):
        # The first paragraph is the title even when it is bold or a heading.
        start = 0 if interviewer else 1
        for index in range(start, len(self.paragraphs)):
            if self._is_question(self.paragraphs[index], interviewer):
                if index == 0 and not self.fields["title"]:
                    self.parsed.warnings.append(
                        "The first line looks like a question but was taken as the title; check the title."
                    )
                    continue
                return index
        raise self._no_questions()

    def _no_questions(self):
        if self.label:
            return TranscriptError(f"No question starting with “{self.label}:” was found.")
        bold = sum(p.bold or p.heading is not None for p in self.paragraphs)
        return TranscriptError(
            f"No questions were found in {len(self.paragraphs)} paragraphs: no label before questions "
            "(“Q:”, the outlet's name) is used more than once, no speaker asks questions"
            + (
                f", and the {bold} bold paragraphs introduce people rather than ask."
                if bold
                else ", and none is bold."
            )
            + " If the questions have a label, enter it in the label field and try again."
        )

    def _label_turns(self, body, interviewer, bio_keys):
        """Mark paragraphs that start with a speaker's label (a repeated one, or an expert's name)."""
        counts, _ = turns.label_counts(self.paragraphs)
        before = self.paragraphs[: len(self.paragraphs) - len(body)]
        intro = " ".join(
            [*self.fields["title"], *self.fields["lead"], *(strip_prefix(p.text) for p in before)]
        )
        # The paragraphs before the first question as written: a title may open with names and a colon.
        opening = " ".join(p.text for p in before)
        unexplained = []
        # A prefix that twice opens the paragraph right after a question is who answers it.
        answering = Counter(
            people.key(found)
            for question, paragraph in zip(body, body[1:], strict=False)
            if self._is_question(question, interviewer) and (found := turns.label_of(paragraph))
        )
        for paragraph in body:
            found = None if paragraph.speaker else turns.label_of(paragraph)
            if not found:
                continue
            k = people.key(found)
            # A repeated prefix is a speaker when it reads as one: a name, a tool's "Speaker 2",
            # or a word the title or lead uses ("Ospanov"); "Note:" twice is text.
            speaker = (
                k in bio_keys
                or k in people.ANSWER_LABELS
                or k == people.key(interviewer or "")
                or (
                    counts[k] >= 2
                    and (
                        answering[k] >= 2
                        or people.looks_like_name(found)
                        or people.is_generic_speaker(found)
                        or people.mentions(intro, found)
                    )
                )
                # A full name the opening gives, starting a reply once, is that person answering.
                or (answering[k] and people.looks_like_name(found) and people.mentions(opening, found))
            )
            if speaker:
                paragraph.speaker = " ".join(found.split())
                paragraph.text = strip_prefix(paragraph.text).strip()
            elif counts[k] >= 2 and found not in unexplained:
                unexplained.append(found)
        if unexplained:
            self.parsed.warnings.append(
                "Several paragraphs also start with “{}:”; they were kept as text. If that is the "
                "interviewer, enter it as the label.".format(":”, “".join(unexplained))
            )

    # --- Who answers ------------------------------------------------------------------------

    def _experts(self, bios, body, interviewer):
        parsed = self.parsed
        labelled = [(text, *found) for text in self.fields["bio"] if (found := people.bio(text))]
        for text, name, predicate in [*labelled, *bios]:
            same = next((e for e in parsed.experts if people.key(e.name) == people.key(name)), None)
            if same:
                same.bio = f"{same.bio}\n\n{text}"
            else:
                parsed.experts.append(ParsedExpert(name, text, people.role(predicate, parsed.warnings)))
        for text in self.fields["bio"]:
            if not people.bio(text):
                parsed.warnings.append(
                    f"The bio “{text[:60]}” names nobody the importer recognised; it was left out."
                )
        context = [*self.fields["title"], *self.fields["lead"], *(p.text for p in self.paragraphs[:20])]
        unmatched, answer_labels = [], Counter()
        for paragraph in body:
            speaker = paragraph.speaker
            if not speaker or people.key(speaker) == people.key(interviewer or ""):
                continue
            k = people.key(speaker)
            answer_labels[speaker] += 1
            index = None if k in people.ANSWER_LABELS else self._speaker_index(speaker)
            if index is not None:
                parsed.experts[index].label = parsed.experts[index].label or speaker
            elif k not in people.ANSWER_LABELS and speaker not in unmatched:
                unmatched.append(speaker)
        unlabelled = [e for e in parsed.experts if not e.label]
        if len(unmatched) == 1 and len(unlabelled) == 1 and people.is_generic_speaker(unmatched[0]):
            unlabelled[0].label = unmatched.pop()
        for speaker in unmatched:
            name = "" if people.is_generic_speaker(speaker) else people.full_name(speaker, context)
            parsed.experts.append(ParsedExpert(name, label=speaker))
            if name:
                parsed.warnings.append(
                    f"No paragraph introducing “{name}” was found; they were taken as an expert from "
                    "the answers they give. Check the name."
                )
        if answer_labels:
            parsed.answer_label = answer_labels.most_common(1)[0][0]
        if parsed.unnamed_speakers:
            labels = "”, “".join(e.label for e in parsed.unnamed_speakers)
            parsed.warnings.append(
                f"The transcript does not name “{labels}”. Name each speaker, or choose an existing "
                "expert, before creating the draft; a speaker left unnamed is not added as an expert."
            )

    def _check_bios(self):
        """Warn about an expert introduced by a bio whom nothing else in the transcript names."""
        parsed = self.parsed
        others = [parsed.title, parsed.lead, *(f"{b.text} {b.caption}" for b in parsed.blocks)]
        for expert in parsed.experts:
            named = any(people.mentions(text, expert.name) for text in others)
            if expert.name and expert.bio and not expert.label and not named:
                parsed.warnings.append(
                    f"“{expert.name}” was taken as the expert from the paragraph introducing them; check it."
                )

    def _speaker_index(self, label):
        k = people.key(label)
        for index, expert in enumerate(self.parsed.experts):
            if (expert.label and people.key(expert.label) == k) or (
                expert.name and k in people.name_keys(expert.name)
            ):
                return index
        return None

    # --- Title, lead and chrome ----------------------------------------------------------------

    def _drop(self, text, reason):
        if text in self.keep:
            return False
        self.parsed.dropped.append(DroppedLine(text, reason))
        return True

    def _title_and_lead(self, intro):
        parsed = self.parsed
        captions = [c[0] for p in intro if (c := people.photo(p.text)) and people.looks_like_name(c[0])]
        names = [e.name for e in parsed.experts if e.name] + captions
        plain = [p for p in intro if not people.bio(p.text) and not people.photo(p.text)]
        title_at = None
        if not self.fields["title"]:
            window = []
            for paragraph in plain:
                window.append(paragraph)
                if len(paragraph.text) > PROSE_MIN_LENGTH:
                    break
            fits = [
                p
                for p in window
                if len(p.text) <= TITLE_MAX_LENGTH and not boilerplate.notice_reason(p.text, self.patterns)
            ]
            named = [p for p in fits if any(people.mentions(p.text, n) for n in names)]
            # A title is often a short line that is no sentence; anything else at the edge is chrome.
            clean = [p for p in fits if _clean_for_title(p.text, self.patterns)]
            headed = [p for p in fits if p.heading is not None]
            chosen = (named or headed or clean or fits or window or [None])[0]
            title_at = next((i for i, p in enumerate(intro) if p is chosen), None)
        lead = []
        for index, paragraph in enumerate(intro):
            text = paragraph.text
            if people.bio(text) or people.photo(text):
                if people.photo(text):
                    self.intro_photos.append(paragraph)
                continue
            if index == title_at:
                continue
            if title_at is not None and index < title_at:
                reason = boilerplate.edge_reason(text, self.patterns) or "not part of the interview"
                where = "before the title"
            else:
                reason = boilerplate.notice_reason(text, self.patterns)
                where = "between the title and the questions"
            if not (reason and self._drop(text, f"{where}: {reason}")):
                lead.append(paragraph)
        # In a .docx the lead is often set in italics: it goes first, before other intro text.
        lead = [p.text for p in sorted(lead, key=lambda p: not p.italic)]
        title = (
            self.fields["title"][0]
            if self.fields["title"]
            else (intro[title_at].text if title_at is not None else "")
        )
        if not title:
            title = lead.pop(0) if lead else ""
        if not title:
            parsed.warnings.append("No title was found; enter one before publishing.")
            title = "Untitled transcript"
        title = " ".join(title.split())
        if len(title) > TITLE_MAX_LENGTH:
            parsed.warnings.append(
                "The first paragraph is too long for a title; it was shortened and kept in the lead."
            )
            lead.insert(0, title)
            title = title[: TITLE_MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip() + "…"
        parsed.title = title
        parsed.lead = "\n\n".join([*self.fields["lead"], *lead]).strip()

    def _drop_body_chrome(self, body, interviewer):
        """Drop cross-links inside the article and site chrome after the last answer."""
        last_question = max((i for i, p in enumerate(body) if self._is_question(p, interviewer)), default=0)
        end = len(body)
        while end > last_question + 2 and (
            reason := boilerplate.edge_reason(body[end - 1].text, self.patterns)
        ):
            if not self._drop(body[end - 1].text, f"after the last answer: {reason}"):
                break
            end -= 1
        kept = []
        for paragraph in body[:end]:
            if not self._is_question(paragraph, interviewer) and not people.photo(paragraph.text):
                reason = boilerplate.chrome_reason(paragraph.text, self.patterns)
                if reason and self._drop(paragraph.text, f"inside the article: {reason}"):
                    continue
            kept.append(paragraph)
        self.parsed.dropped.sort(key=lambda line: _position(self.paragraphs, line.text))
        return kept

    # --- Blocks ------------------------------------------------------------------------------

    def _blocks(self, body, interviewer):
        blocks, current, previous_photo = [], None, None
        default = 0 if self.parsed.experts else None
        for paragraph in [*self.intro_photos, *body]:
            photo = people.photo(paragraph.text)
            if photo:
                # The same caption twice in a row is one photo copied with its caption.
                if photo[:2] != previous_photo:
                    blocks.append(self._image(*photo))
                previous_photo = photo[:2]
                continue
            previous_photo = None
            last = blocks[-1] if blocks else None
            if self._is_question(paragraph, interviewer):
                # A tool's export keeps one turn in several paragraphs: still one question.
                if self.exported and current is not None and last is current and current.kind == QUESTION:
                    current.text += f"\n\n{paragraph.text}"
                else:
                    current = ParsedBlock(QUESTION, paragraph.text)
                    blocks.append(current)
                continue
            if paragraph.speaker and people.key(paragraph.speaker) not in people.ANSWER_LABELS:
                speaker = self._speaker_index(paragraph.speaker)
            elif paragraph.speaker or current is None or current.kind != ANSWER:
                speaker = default
            else:
                speaker = current.speaker
            if (
                current is not None
                and last is current
                and current.kind == ANSWER
                and current.speaker == speaker
            ):
                current.text += f"\n\n{paragraph.text}"
            else:
                current = ParsedBlock(ANSWER, paragraph.text, speaker=speaker)
                blocks.append(current)
        return blocks

    def _image(self, caption, credit, keyword):
        """Return an image placeholder; a caption naming an expert gives them the photo's credit."""
        experts = self.parsed.experts
        person = next((i for i, e in enumerate(experts) if e.name and people.mentions(caption, e.name)), None)
        if person is not None and not experts[person].photo_credit:
            experts[person].photo_credit = f"{keyword}: {credit}"
        return ParsedBlock(IMAGE, caption=caption, credit=credit, credit_label=keyword, person=person)

    # --- Partner material and checks -------------------------------------------------------

    def _partner(self):
        """Return the outlet a rights line or the question label names, or "" (see importer)."""
        return boilerplate.partner_outlet(
            self.parsed.interviewer_label, [d.text for d in self.parsed.dropped]
        )

    def _check(self):
        """Collect editorial insertions and warn about what the editor should look at."""
        parsed = self.parsed
        texts = [
            parsed.title,
            parsed.lead,
            *(e.bio for e in parsed.experts),
            *(b.text for b in parsed.blocks),
        ]
        for text in texts:
            parsed.insertions.extend(_INSERTION.findall(text))
            rest = _INSERTION.sub("", text)
            if "{" in rest or "}" in rest:
                parsed.warnings.append(
                    f"A brace has no partner in “{text[:60]}…”; an editorial insertion looks {{like this}}."
                )
        if not parsed.experts:
            parsed.warnings.append("No expert was found; choose one before creating the draft.")
        if not parsed.lead:
            parsed.warnings.append("No lead was found between the title and the first question.")
        number = 0
        for block, following in zip(parsed.blocks, [*parsed.blocks[1:], None], strict=True):
            if block.kind == QUESTION:
                number += 1
                if following is None or following.kind == QUESTION:
                    parsed.warnings.append(f"Question {number} has no answer.")


def _clean_for_title(text, patterns):
    reason = boilerplate.edge_reason(text, patterns)
    return not reason or (reason == boilerplate.SHORT_LINE and len(text.split()) >= 2)


def _position(paragraphs, text):
    return next((i for i, p in enumerate(paragraphs) if p.text == text), len(paragraphs))
