"""The names public pages carry (cms/pagecache/keys.py), and which of them a change outdates.

An interview page carries its interview, its translations and related interviews (it shows
their titles), its experts and its topics, and links_of() itself (its related list, refreshed by
a job when a neighbour changes, shows only there); an expert's or a topic's page its expert or topic and
the interviews listed; the front page and the archive LISTS and the interviews they show. A page
that names nothing of its own (search, the feeds, sitemaps, the indexes) carries CHANGES
(settings.CDN_DEFAULT_KEYS).

What a change to interviews outdates (outdated_by): nothing while an interview neither is nor
was published, since no reader sees a draft. Otherwise its own name and CHANGES; when it moved in
the lists (published, unpublished, its publish time or language changed) LISTS, its experts and
its topics too, and every page (SITE) when it is now scheduled, since cached pages must then end
at its publication; when its experts or topics changed, theirs, the former ones' included.
"""

from django.utils import timezone

from cms.pagecache.keys import SITE, outdated, purge, purging, tag
from interviews.choices import Status
from interviews.models import Interview

__all__ = [
    "CHANGES",
    "LISTS",
    "SITE",
    "expert",
    "interview",
    "links_of",
    "listed",
    "outdated",
    "outdated_by",
    "purge",
    "purging",
    "tag",
    "topic",
]

LISTS = "interviews"
CHANGES = "changes"


def interview(pk):
    return f"interview-{pk}"


def expert(pk):
    return f"expert-{pk}"


def topic(pk):
    return f"topic-{pk}"


def links_of(pk):
    """The name only an interview's own page carries: its related list, which jobs refresh."""
    return f"links-{pk}"


def listed(interviews):
    """Return the names of the interviews a list shows."""
    return [interview(item.pk) for item in interviews]


def tag_interview_page(response, page, links):
    """Name what an interview page shows on its response."""
    shown = [page, *links.translations, *links.related]
    names = listed(shown) + [expert(pk) for pk in links.expert_ids] + [topic(pk) for pk in links.topic_ids]
    return tag(response, [*names, links_of(page.pk)])


def load(interview_ids):
    """Return {id: interview} with what outdated_by() reads, for interviews not loaded already."""
    if not interview_ids:
        return {}
    rows = Interview.objects.filter(pk__in=list(interview_ids)).only("pk", "status", "publish_at")
    return {row.pk: row for row in rows.with_credits().prefetch_related("tags")}


def outdated_by(changes, interviews, was_listed, former_experts, former_topics, *, moved, regrouped):
    """Return the names a change to these interviews outdates.

    changes: {id: what changed}; interviews: {id: interview}, with its credits and tags
    prefetched (an id missing there was deleted: its deletion names its own pages);
    was_listed: {id: whether it was published before the change}, for those whose status may
    have changed; moved and regrouped: the marks saying an interview moved in the lists, and
    that its experts or topics changed.
    """
    names = set()
    now = timezone.now()
    for pk, what in changes.items():
        row = interviews.get(pk)
        if row is None:
            continue
        listed_now = row.status == Status.PUBLISHED
        if not (listed_now or was_listed.get(pk, listed_now)):
            continue
        names |= {interview(pk), CHANGES}
        if moved in what or regrouped in what:
            names |= {expert(credit.expert_id) for credit in row.credited_experts}
            names |= {topic(tag.pk) for tag in row.tags.all()}
            names |= {expert(pk) for pk in former_experts.get(pk, ())}
            names |= {topic(pk) for pk in former_topics.get(pk, ())}
        if moved in what:
            names.add(LISTS)
            if listed_now and row.publish_at and row.publish_at > now:
                names.add(SITE)
    return names
