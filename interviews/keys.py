"""The names public pages carry for the CDN (cms/pagecache/keys.py), and what a change outdates.

An interview page carries its interview, its translations and related interviews (it shows
their titles), its experts and its topics; an expert's or a topic's page its expert or topic
and the interviews listed; every other list of interviews (home, feeds, search, sitemaps, the
indexes) LISTS and the interviews it shows.
"""

from cms.pagecache.keys import purge, purging, tag
from interviews.models import InterviewExpert, TaggedInterview

__all__ = ["LISTS", "expert", "interview", "listed", "purge", "purging", "shown_with", "tag", "topic"]

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


def shown_with(interview_ids, former_experts=(), former_topics=()):
    """Return the names of the pages showing the interviews: their own, their experts' and topics'
    (and the former ones'), and the lists."""
    ids = list(interview_ids)
    credits = InterviewExpert.objects.filter(interview__in=ids).values_list("expert", flat=True)
    tagged = TaggedInterview.objects.filter(content_object__in=ids).values_list("tag", flat=True)
    names = [*(interview(pk) for pk in ids), LISTS]
    names += [expert(pk) for pk in {*credits, *former_experts}]
    names += [topic(pk) for pk in {*tagged, *former_topics}]
    return names
