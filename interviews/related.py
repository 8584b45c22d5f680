"""Related interviews: those with the same experts first, then those sharing the most topics.

One query. Candidates are every published interview with one of the experts and, for each of
the interview's topics, the RECENT_PER_TOPIC published interviews with the highest ids on it
(the ones added last), each found by walking the tagged_recent index backwards; they are
scored in the same statement. Reading every interview on a popular topic instead costs a
lookup per interview, which grows with the archive (see docs/benchmarks). So related lists
lean towards recent interviews, which is what readers want.
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
    visible_params = [Interview.Status.PUBLISHED, timezone.now(), interview.pk]
    branches = [
        f"SELECT interview_id AS id, 1 AS experts, 0 AS topics FROM {credits} "
        f"WHERE expert_id IN ({_placeholders(expert_ids)})"
    ]
    params = [*expert_ids]
    for n, tag_id in enumerate(tag_ids):
        branches.append(
            f"SELECT id, 0, 1 FROM (SELECT t.content_object_id AS id FROM {tagged} t "
            f"JOIN {interviews} c ON c.id = t.content_object_id "
            f"WHERE t.tag_id = %s AND {_visible('c')} "
            f"ORDER BY t.content_object_id DESC LIMIT %s) AS topic_{n}"
        )
        params += [tag_id, *visible_params, RECENT_PER_TOPIC]
    sql = f"""
        SELECT i.id, i.title, i.slug, i.language, i.publish_at
        FROM ({" UNION ALL ".join(branches)}) AS shared
        JOIN {interviews} i ON i.id = shared.id
        WHERE {_visible("i")}
        GROUP BY i.id, i.title, i.slug, i.language, i.publish_at
        ORDER BY SUM(shared.experts) DESC, SUM(shared.topics) DESC, i.publish_at DESC, i.id DESC
        LIMIT %s
    """
    return list(Interview.objects.raw(sql, [*params, *visible_params, RELATED_COUNT]))


def _visible(alias):
    """Interview.objects.published(), written out for these statements, leaving out this interview."""
    return f"{alias}.status = %s AND {alias}.publish_at <= %s AND {alias}.id <> %s"


def _placeholders(values):
    return ", ".join(["%s"] * len(values)) or "NULL"
