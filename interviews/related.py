"""Related interviews: those with the same experts first, then those sharing the most topics.

Each interview's list is worked out when it changes and kept in RelatedInterview, so a page
reads it with one short query instead of scoring candidates on every view (see
docs/benchmarks). Candidates are the published interviews with one of the experts and, for each
of the interview's topics, the RECENT_PER_TOPIC published interviews with the highest ids on it
(the ones added last), so lists lean towards recent interviews, which is what readers want.

A list is written again when its interview, its experts or its topics change or it is published
(interviews.signals); the lists of the interviews sharing an expert or a topic with it are
written by a job (interviews.tasks.refresh_neighbours), which is how a new interview enters the
lists of older ones. Every list is written by `manage.py refresh_related`, after a bulk load.
A list keeps STORED_COUNT interviews, scheduled ones included; the page shows the first
RELATED_COUNT of them that readers may read at that moment, so one unpublished since is never
shown and one scheduled appears when it goes live.

One statement, in SQL both databases run, scores any number of interviews at once.
"""

from dataclasses import dataclass

from django.db import connection, transaction

from cms import prepared
from interviews.models import Interview, InterviewExpert, RelatedInterview, TaggedInterview, published_params

RELATED_COUNT = 4
STORED_COUNT = 8
RECENT_PER_TOPIC = 40
# Interviews scored per statement by refresh_all_related.
BATCH = 5000
# The PostgreSQL advisory lock that refreshes of related lists take in turn.
REFRESH_LOCK = 0x52454C41

_SCORE = """
WITH sources AS (
    SELECT id FROM {interviews} WHERE id IN ({ids})
), live AS (
    SELECT id, publish_at FROM {interviews} WHERE status = %s
), recent AS (
    SELECT tag_id, id FROM (
        SELECT t.tag_id, t.content_object_id AS id,
            ROW_NUMBER() OVER (PARTITION BY t.tag_id ORDER BY t.content_object_id DESC) AS n
        FROM {tagged} t JOIN live ON live.id = t.content_object_id
        WHERE t.tag_id IN (
            SELECT mine.tag_id FROM {tagged} mine JOIN sources ON sources.id = mine.content_object_id
        )
    ) AS ranked
    WHERE n <= %s
), candidates AS (
    SELECT mine.interview_id AS source, theirs.interview_id AS id, 1 AS experts, 0 AS topics
    FROM {credits} mine
    JOIN sources ON sources.id = mine.interview_id
    JOIN {credits} theirs ON theirs.expert_id = mine.expert_id
    UNION ALL
    SELECT mine.content_object_id, recent.id, 0, 1
    FROM {tagged} mine
    JOIN sources ON sources.id = mine.content_object_id
    JOIN recent ON recent.tag_id = mine.tag_id
), ranked AS (
    SELECT candidates.source, candidates.id, ROW_NUMBER() OVER (
        PARTITION BY candidates.source
        ORDER BY SUM(candidates.experts) DESC, SUM(candidates.topics) DESC,
            live.publish_at DESC, candidates.id DESC
    ) AS place
    FROM candidates JOIN live ON live.id = candidates.id
    WHERE candidates.id <> candidates.source
    GROUP BY candidates.source, candidates.id, live.publish_at
)
INSERT INTO {related} (interview_id, other_id, rank)
SELECT source, id, place FROM ranked WHERE place <= %s
"""


_LINKED = """
SELECT i.id, i.title, i.slug, i.language, i.publish_at, r.rank AS place
FROM {related} r JOIN {interviews} i ON i.id = r.other_id
WHERE r.interview_id = %s AND i.status = %s AND i.publish_at <= %s
UNION ALL
SELECT i.id, i.title, i.slug, i.language, i.publish_at, 0
FROM {interviews} i
WHERE (i.id = %s OR i.translation_of_id = %s) AND i.id <> %s AND i.status = %s AND i.publish_at <= %s
UNION ALL
SELECT c.expert_id, NULL, NULL, NULL, NULL, {expert_place} FROM {credits} c WHERE c.interview_id = %s
UNION ALL
SELECT t.tag_id, NULL, NULL, NULL, NULL, {topic_place} FROM {tagged} t WHERE t.content_object_id = %s
ORDER BY place, language
"""
# Places of the rows of _LINKED that name the interview's experts and topics (for its page's keys).
EXPERT_PLACE, TOPIC_PLACE = -2, -1


_LINKED_FIELDS = ["id", "title", "slug", "language", "publish_at"]  # the columns of _LINKED


@dataclass
class PageLinks:
    translations: list
    related: list
    expert_ids: list
    topic_ids: list


def page_links(interview):
    """Return what an interview page links to: its translations, related interviews, experts and topics.

    Translations are the published versions of the same interview in other languages; related
    ones, up to RELATED_COUNT from its list that readers may read now, translations left out;
    experts and topics as ids. One query for all.
    """
    original = interview.translation_of_id or interview.pk
    visible = published_params()
    sql = _LINKED.format(
        interviews=Interview._meta.db_table,
        related=RelatedInterview._meta.db_table,
        credits=InterviewExpert._meta.db_table,
        tagged=TaggedInterview._meta.db_table,
        expert_place=EXPERT_PLACE,
        topic_place=TOPIC_PLACE,
    )
    params = [interview.pk, *visible, original, original, interview.pk, *visible, interview.pk, interview.pk]
    rows = prepared.fetch(sql, params)
    expert_ids = [row[0] for row in rows if row[-1] == EXPERT_PLACE]
    topic_ids = [row[0] for row in rows if row[-1] == TOPIC_PLACE]
    rows = [row for row in rows if row[-1] >= 0]
    others = prepared.instances(Interview, _LINKED_FIELDS, [row[:-1] for row in rows])
    found = [(row[-1], other) for row, other in zip(rows, others, strict=True)]
    translations = [other for place, other in found if place == 0]  # list places start at 1
    translated = {other.pk for other in translations}
    related = [other for place, other in found if place and other.pk not in translated]
    return PageLinks(translations, related[:RELATED_COUNT], expert_ids, topic_ids)


def linked_interviews(interview):
    """Return the interviews an interview page links to: (its translations, its related ones)."""
    links = page_links(interview)
    return links.translations, links.related


def refresh_related(interview_ids, *, exclusive=True):
    """Work out the related lists of the given interviews again and store them.

    Refreshes wait for each other; only a caller that knows no other can run at the same time
    (the dataset generator, on disjoint slices) passes exclusive=False.
    """
    ids = list(interview_ids)
    if not ids:
        return
    sql = _SCORE.format(
        interviews=Interview._meta.db_table,
        tagged=TaggedInterview._meta.db_table,
        credits=InterviewExpert._meta.db_table,
        related=RelatedInterview._meta.db_table,
        ids=", ".join(["%s"] * len(ids)),
    )
    with transaction.atomic(), connection.cursor() as cursor:
        if exclusive and connection.vendor == "postgresql":
            # Two refreshes of one list at once (an editor's save while the cron job runs) would
            # both insert it; the second waits for the first to commit, then replaces its rows.
            # SQLite writes one transaction at a time anyway.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REFRESH_LOCK])
        RelatedInterview.objects.filter(interview__in=ids).delete()
        cursor.execute(sql, [*ids, Interview.Status.PUBLISHED, RECENT_PER_TOPIC, STORED_COUNT])


def refresh_all_related(ids=None, *, exclusive=True):
    """Work out the related lists of the given interviews (all by default), BATCH per statement."""
    if ids is None:
        ids = list(Interview.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        refresh_related(ids[start : start + BATCH], exclusive=exclusive)
    return len(ids)
