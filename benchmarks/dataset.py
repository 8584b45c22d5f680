"""Made-up interviews for the benchmark: random but repeatable text, experts, tags and statuses.

Each batch draws from its own random generator, seeded from the dataset's seed and the batch's
first number, and its rows' ids follow their numbers, so a dataset is the same however many
processes made it.
"""

import itertools
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.text import slugify

from interviews.body import render_body
from interviews.models import Block, Expert, Interview, InterviewExpert
from interviews.page_parts import credit_names, render_feed, render_parts
from interviews.search import CONFIGS

SYLLABLES = ["ka", "ra", "ta", "mi", "su", "lo", "ne", "ve", "dar", "ist", "an", "gor", "bek", "ul", "sha"]
# Short common words, so the text has the rhythm (and the stop words) of real prose.
COMMON = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "on", "with"]
FIRST_NAMES = ["Aida", "Bakyt", "Dana", "Erlan", "Farida", "Gulnara", "Ilyas", "Jamila", "Kairat", "Leila"]
LAST_NAMES = ["Sultan", "Umarov", "Abdullaev", "Karimova", "Nazarov", "Tursunova", "Ibragimov"]
POSITIONS = ["Research fellow", "Professor", "Senior analyst", "Director", "Economist", "Journalist"]
AFFILIATIONS = ["Institute of Regional Studies", "State University", "Policy Centre", "Independent"]
# Shares of interviews by status; the rest are published in the past.
DRAFT_SHARE, REVIEW_SHARE, UNPUBLISHED_SHARE, SCHEDULED_SHARE = 0.05, 0.01, 0.01, 0.02
BODY_WORDS = 1500
VOCABULARY, SENTENCES = 40_000, 20_000
MAX_BLOCKS = 30  # Dataset.blocks() makes 20 to 30


class Dataset:
    """Random but repeatable content: a vocabulary, a pool of sentences, experts and tags."""

    def __init__(self, size, seed):
        self.size, self.seed = size, seed
        self.rng = random.Random(seed)
        vocabulary = set()
        # Real prose has a long tail of rare words, so a search term matches a few interviews.
        while len(vocabulary) < VOCABULARY:
            vocabulary.add("".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 5))))
        self.words = sorted(vocabulary)
        # Zipf-like weights: some words (and so some tags) are common and most are rare.
        weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.words))))
        self.sentences = []
        for _ in range(SENTENCES):
            words = self.rng.choices(self.words, cum_weights=weights, k=self.rng.randint(6, 14))
            for position in self.rng.sample(range(len(words)), len(words) // 3):
                words[position] = self.rng.choice(COMMON)
            self.sentences.append(" ".join(words).capitalize() + ".")
        self.tag_count = max(300, min(3000, size // 30))
        self.expert_count = max(50, size // 8)

    def text(self, words):
        """Return sentences adding up to about `words` words."""
        sentences, count = [], 0
        while count < words:
            sentence = self.rng.choice(self.sentences)
            sentences.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(sentences)

    def name(self, n):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)} {n}"

    def status(self, now):
        draw = self.rng.random()
        for share, status in (
            (DRAFT_SHARE, Interview.Status.DRAFT),
            (REVIEW_SHARE, Interview.Status.REVIEW),
        ):
            if draw < share:
                return status, None
            draw -= share
        past = now - timedelta(minutes=self.rng.randint(60, 20 * 525_600))
        if draw < UNPUBLISHED_SHARE:
            return Interview.Status.UNPUBLISHED, past
        if draw < UNPUBLISHED_SHARE + SCHEDULED_SHARE:
            return Interview.Status.PUBLISHED, now + timedelta(minutes=self.rng.randint(10, 30 * 1440))
        return Interview.Status.PUBLISHED, past

    def blocks(self):
        """Return 20-30 (kind, html, anchor) blocks of about BODY_WORDS words: questions and answers."""
        count = self.rng.randint(20, MAX_BLOCKS)
        answer_words = (BODY_WORDS - 10 * (count // 2)) // (count - count // 2)
        blocks = []
        for i in range(count):
            if i % 2 == 0:
                blocks.append(("question", self.text(8).rstrip(".") + "?", f"q-{i // 2 + 1}"))
            else:
                blocks.append(("answer", self.text(answer_words), ""))
        return blocks

    def tag_names(self):
        names = set()
        while len(names) < self.tag_count:
            names.add(" ".join(self.rng.sample(self.words[:1500], 2)))
        return names

    def experts(self, first):
        """Return unsaved experts numbered from `first`."""
        experts = []
        for n in range(first, first + self.expert_count):
            name = self.name(n)
            experts.append(
                Expert(
                    name=name,
                    slug=slugify(name),
                    position=self.rng.choice(POSITIONS),
                    affiliation=self.rng.choice(AFFILIATIONS),
                    short_bio=self.text(40),
                    bio=f"<p>{self.text(120)}</p>",
                )
            )
        return experts


@dataclass(frozen=True)
class Job:
    """What every batch draws on: the dataset, its saved tags and experts, the time and first ids."""

    data: Dataset
    tags: list
    experts: list
    now: datetime
    first_interview_id: int
    first_block_id: int


def make_interviews(job, numbers):
    """Return the interviews numbered `numbers` (a range), with their blocks, credits and tags."""
    data = job.data
    rng = data.rng = random.Random(f"{data.seed}/{numbers.start}")
    rows, parts = [], []
    for n in numbers:
        status, publish_at = data.status(job.now)
        language = "ru" if rng.random() < 0.2 else "en"
        title = data.text(8).split(".")[0][:120]
        lead = data.text(40)
        blocks = data.blocks()
        credited = [
            InterviewExpert(expert=expert, role=expert.role, bio=expert.short_bio)
            for expert in rng.sample(job.experts, rng.choice((1, 1, 2)))
        ]
        chosen = rng.sample(job.tags, rng.randint(3, 6))
        names = [credit.expert.name for credit in credited] + [tag.name for tag in chosen]
        rows.append(
            Interview(
                title=title,
                slug=f"{slugify(title[:60])}-{n}",
                lead=lead,
                language=language,
                byline="Interview by " + data.name(n),
                interviewer_label="Meridian",
                status=status,
                publish_at=publish_at,
                status_changed_at=publish_at,
                search_text="\n".join([lead, *(text for _kind, text, _anchor in blocks)]),
                search_names=" · ".join(names),
                search_config=CONFIGS.get(language, "simple"),
            )
        )
        parts.append((blocks, credited, chosen))
    block_lists = []
    for n, interview, (texts, credited, chosen) in zip(numbers, rows, parts, strict=True):
        # Ids follow the numbers, so a dataset is the same whichever process wrote which batch.
        interview.pk = job.first_interview_id + n
        blocks = [
            Block(
                pk=job.first_block_id + n * MAX_BLOCKS + order,
                interview=interview,
                order=order,
                kind=kind,
                text=f"<p>{text}</p>",
                anchor=anchor,
            )
            for order, (kind, text, anchor) in enumerate(texts)
        ]
        # What the site renders on save (interviews.body, interviews.page_parts).
        interview.body_html = render_body(interview, blocks, to_store=True, credits=credited)
        interview.page_parts = render_parts(interview, credited, chosen, {}, blocks, to_store=True)
        interview.credit_names = credit_names(interview, credited)
        interview.feed_html = render_feed(interview, blocks, credited)
        block_lists.append(blocks)
    return rows, block_lists, [(credited, chosen) for _texts, credited, chosen in parts]
