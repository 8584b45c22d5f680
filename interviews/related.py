"""Related interviews: those with the same experts first, then those sharing the most topics.

One query, whatever the size of the archive. Candidates are every interview with one of the
experts and, for each topic, the RECENT_PER_TOPIC interviews most recently added to it; they are
scored in the same statement and only then checked for visibility. Reading every interview on a
popular topic instead costs a lookup per interview, which grows with the archive (see
docs/benchmarks). So related lists lean towards recent interviews, which is what readers want.
"""

from django.utils import timezone

from interviews.models import Interview, InterviewExpert, TaggedInterview

RELATED_COUNT = 4
RECENT_PER_TOPIC = 40


def related_interviews(interview):
    """Return up to RELATED_COUNT published interviews related to this one, best first."""
    expert_ids = [credit.expert_id for credit in interview.credited_experts]
    tag_ids = [tag.pk for tag in interview.tags.all()]
    if not (expert_ids or tag_ids):
        return []
    interviews, credits, tagged = (
        Interview._meta.db_table,
        InterviewExpert._meta.db_table,
        TaggedInterview._meta.db_table,
    )
    # The visibility test is Interview.objects.published(), written out for this statement.
    sql = f"""
        SELECT i.id, i.title, i.slug, i.language, i.publish_at
        FROM (
            SELECT interview_id AS id, 1 AS experts, 0 AS topics
            FROM {credits} WHERE expert_id IN ({_placeholders(expert_ids)})
            UNION ALL
            SELECT content_object_id, 0, 1 FROM (
                SELECT content_object_id,
                       ROW_NUMBER() OVER (PARTITION BY tag_id ORDER BY content_object_id DESC) AS n
                FROM {tagged} WHERE tag_id IN ({_placeholders(tag_ids)})
            ) AS recent WHERE n <= %s
        ) AS shared
        JOIN {interviews} i ON i.id = shared.id
        WHERE i.status = %s AND i.publish_at <= %s AND i.id <> %s
        GROUP BY i.id, i.title, i.slug, i.language, i.publish_at
        ORDER BY SUM(shared.experts) DESC, SUM(shared.topics) DESC, i.publish_at DESC, i.id DESC
        LIMIT %s
    """
    params = [
        *expert_ids,
        *tag_ids,
        RECENT_PER_TOPIC,
        Interview.Status.PUBLISHED,
        timezone.now(),
        interview.pk,
        RELATED_COUNT,
    ]
    return list(Interview.objects.raw(sql, params))


def _placeholders(values):
    return ", ".join(["%s"] * len(values)) or "NULL"
