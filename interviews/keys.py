"""The names public pages carry for the CDN (cms/pagecache/keys.py), and what a change outdates.

An interview page carries its interview, its translations and related interviews (it shows
their titles), its experts and its topics; an expert's or a topic's page its expert or topic
and the interviews listed; every other list of interviews (home, feeds, search, sitemaps, the
indexes) LISTS and the interviews it shows.
"""

from cms.pagecache.keys import purge, purging, tag
from interviews.models import InterviewExpert, TaggedInterview

__all__ = ["LISTS", "expert", "interview", "interview_changed", "listed", "purge", "purging", "tag", "topic"]

LISTS = "interviews"


def interview(pk):
    return f"interview-{pk}"


def expert(pk):
    return f"expert-{pk}"


def topic(pk):
    return f"topic-{pk}"


def listed(interviews):
    """Return the names of the interviews a list shows."""
    return [interview(item.pk) for item in interviews]


def tag_interview_page(response, page, links):
    """Name what an interview page shows on its response."""
    shown = [page, *links.translations, *links.related]
    names = listed(shown) + [expert(pk) for pk in links.expert_ids] + [topic(pk) for pk in links.topic_ids]
    return tag(response, names)


def interview_changed(interview_id, former_experts=(), former_topics=()):
    """Purge the pages showing an interview: its own, its experts' and topics' (and former ones'), lists."""
    if not purging():
        return
    credits = InterviewExpert.objects.filter(interview=interview_id).values_list("expert", flat=True)
    tagged = TaggedInterview.objects.filter(content_object=interview_id).values_list("tag", flat=True)
    names = [interview(interview_id), LISTS]
    names += [expert(pk) for pk in {*credits, *former_experts}] + [
        topic(pk) for pk in {*tagged, *former_topics}
    ]
    purge(names)
