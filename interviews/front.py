"""The front page's topic sections and cards' topics, read in two statements written once.

The page's interviews give the topics (the ones most of them share); each topic's section lists
its interviews tagged last, other than the lead. Both statements are written once per process
and prepared (cms/prepared.py): building those querysets on every view took longer than
running them. Cards and sections name the experts from the rows (Interview.expert_names).
"""

import hashlib
from collections import Counter
from functools import cache

from django.db import connection
from taggit.models import Tag

from cms import prepared
from cms.pagecache.store import remember_named
from interviews import keys
from interviews.models import Interview, TaggedInterview
from interviews.models.interviews import published_params

TOPICS = 3
TOPIC_ITEMS = 4
# What a topic section shows of an interview (its title, linked, in its language, and its
# experts' names), in the model's field order.
SECTION_FIELDS = ("id", "title", "slug", "language", "publish_at", "credit_names")


def topic_sections(lead, interviews, languages):
    """Return the topics most of these interviews share, each with its latest other interviews.

    Sets each interview's `topic` (its first tag, a card's kicker).
    Topics come from the interviews in `languages`, and so do their sections' interviews.
    What the two statements read is remembered for these interviews (cms.pagecache.store)
    until a change outdates one of them, their topics or the lists.
    """
    by_pk = {interview.pk: interview for interview in interviews}
    shown = ",".join(map(str, [lead.pk, *by_pk]))
    # (The key's version changes with what the rows hold: SECTION_FIELDS.)
    key = "front:2:{}:{}".format(",".join(languages), hashlib.sha256(shown.encode()).hexdigest()[:32])
    tag_rows, rows = remember_named(key, lambda: _read_sections(lead, interviews, languages))
    topics_of = _topics_of(tag_rows)
    for interview in interviews:
        interview.topic = topics_of.get(interview.pk, [None])[0]
    # The sections' interviews not on the page already, made from their rows.
    missing = {row[1]: row[1:] for row in rows if row[1] not in by_pk}
    extra = prepared.instances(Interview, SECTION_FIELDS, list(missing.values()))
    found = {**{interview.pk: interview for interview in extra}, **by_pk}
    picked = {}
    for row in rows:
        picked.setdefault(row[0], set()).add(row[1])
    sections, seen = [], []
    for tag in _topics(interviews, topics_of, languages):
        ids = picked.get(tag.pk)
        if not ids or ids in seen:
            continue  # a topic with just the interviews of one before it adds nothing
        seen.append(ids)
        shown = sorted((found[pk] for pk in ids), key=lambda i: (i.publish_at, i.pk), reverse=True)
        sections.append({"tag": tag, "interviews": shown})
    return sections


def _topics_of(tag_rows):
    """Return {interview id: its tags, in order} from the topics statement's rows, one Tag per topic."""
    tags, topics_of = {}, {}
    for interview_id, tag_id, name, slug in tag_rows:
        if tag_id not in tags:
            tags[tag_id] = Tag(pk=tag_id, name=name, slug=slug)
        topics_of.setdefault(interview_id, []).append(tags[tag_id])
    return topics_of


def _topics(interviews, topics_of, languages):
    """Return the topics most of the interviews in `languages` share (two at least), at most TOPICS."""
    counts = Counter(
        tag
        for interview in interviews
        if interview.language in languages
        for tag in topics_of.get(interview.pk, ())
    )
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].name))
    return [tag for tag, n in ranked if n > 1][:TOPICS]


def _read_sections(lead, interviews, languages):
    """Return ((the interviews' tag rows, the sections' rows), the names they show)."""
    ids = [interview.pk for interview in interviews]
    tag_rows = [tuple(row) for row in prepared.fetch(_topics_statement(len(ids)), ids)]
    topics = _topics(interviews, _topics_of(tag_rows), languages)
    rows = []
    if topics:
        params = [*(tag.pk for tag in topics), *published_params(), *languages, lead.pk, TOPIC_ITEMS]
        rows = [
            tuple(row) for row in prepared.fetch(_sections_statement(len(topics), len(languages)), params)
        ]
    names = [
        keys.LISTS,
        *(keys.interview(pk) for pk in {*ids, *(row[1] for row in rows)}),
        *(keys.topic(tag_id) for tag_id in {row[1] for row in tag_rows}),
    ]
    return (tag_rows, rows), names


def _names():
    quote = connection.ops.quote_name
    return (
        quote(TaggedInterview._meta.db_table),
        quote(Tag._meta.db_table),
        quote(Interview._meta.db_table),
    )


@cache
def _topics_statement(count):
    """The tags of `count` interviews, in the order they were given."""
    tagged, tag, _interview = _names()
    marks = ", ".join(["%s"] * count)
    return (
        f"SELECT t.content_object_id, t.tag_id, g.name, g.slug FROM {tagged} t "
        f"JOIN {tag} g ON g.id = t.tag_id WHERE t.content_object_id IN ({marks}) ORDER BY t.id"
    )


@cache
def _sections_statement(topics, languages):
    """Each topic's published interviews in the languages, but the lead, tagged last first.

    Read backwards from the tagged_recent index; the condition is published()'s.
    """
    tagged, _tag, interview = _names()
    columns = ", ".join(f"i.{connection.ops.quote_name(name)}" for name in SECTION_FIELDS)
    return (
        f"SELECT tag_id, {', '.join(SECTION_FIELDS)} FROM (SELECT t.tag_id, {columns}, "
        "ROW_NUMBER() OVER (PARTITION BY t.tag_id ORDER BY t.content_object_id DESC) AS tag_rank "
        f"FROM {tagged} t JOIN {interview} i ON i.id = t.content_object_id "
        f"WHERE t.tag_id IN ({', '.join(['%s'] * topics)}) AND i.status = %s AND i.publish_at <= %s "
        f"AND i.language IN ({', '.join(['%s'] * languages)}) AND t.content_object_id <> %s) ranked "
        "WHERE tag_rank <= %s"
    )
