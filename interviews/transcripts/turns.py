"""Tell who speaks in each paragraph, and which speaker is the interviewer."""

from collections import Counter

from interviews.transcripts import people
from interviews.transcripts.formats import prefix, strip_prefix
from interviews.transcripts.parsed import TranscriptError


def label_of(paragraph):
    """Return the speaker's label of a paragraph: given by the source, or a prefix before text."""
    if paragraph.speaker:
        return paragraph.speaker
    found = prefix(paragraph.text)
    return (
        found if found and strip_prefix(paragraph.text).strip() and not people.photo(paragraph.text) else None
    )


def label_counts(paragraphs):
    """Return how often each label (by key) starts a paragraph, and its first spelling."""
    counts, spellings = Counter(), {}
    for paragraph in paragraphs:
        found = label_of(paragraph)
        if found:
            counts[people.key(found)] += 1
            spellings.setdefault(people.key(found), " ".join(found.split()))
    return counts, spellings


def choose_interviewer(paragraphs, label, bio_keys, site, exported):
    """Return the interviewer's label: the one given, a question word or the site's name, or the asker."""
    # The asker: most turns with a question mark, then the shortest turns, then the first to speak.
    counts, spellings = label_counts(paragraphs)
    if label:
        if people.key(label) not in counts:
            raise TranscriptError(
                f"No question starting with “{label}:” was found. Check the interviewer's label."
            )
        return label
    candidates = [
        key
        for key, count in counts.items()
        if (count >= 2 or key in people.INTERVIEWER_LABELS or exported)
        and key not in people.ANSWER_LABELS
        and key not in bio_keys
    ]
    known = [key for key in candidates if key in people.INTERVIEWER_LABELS or key == site]
    if known or len(candidates) <= 1:
        return spellings[(known or candidates)[0]] if candidates else None
    scores = _asking_scores(paragraphs)
    return spellings[max(candidates, key=lambda key: scores.get(key, (0, 0, 0)))]


def _asking_scores(paragraphs):
    turns, speaker = [], None
    for index, paragraph in enumerate(paragraphs):
        found = label_of(paragraph)
        key = people.key(found) if found else None
        if key and (key != speaker or not paragraph.speaker):
            turns.append((key, index, [paragraph.text]))
        elif paragraph.speaker and turns:
            turns[-1][2].append(paragraph.text)
        speaker = key
    scores = {}
    for key in {turn[0] for turn in turns}:
        own = [(index, " ".join(texts)) for k, index, texts in turns if k == key]
        asking = sum("?" in text for _, text in own) / len(own)
        words = sum(len(text.split()) for _, text in own) / len(own)
        scores[key] = (round(asking * 5), -words, -own[0][0])
    return scores
