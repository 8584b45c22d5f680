"""The names public pages carry for the CDN (cms/pagecache/keys.py), and what a change outdates.

An interview page carries its interview, its translations and related interviews (it shows
their titles), its experts and its topics; an expert's or a topic's page its expert or topic
and the interviews listed; every other list of interviews (home, feeds, search, sitemaps, the
indexes) LISTS and the interviews it shows.
"""

from cms.pagecache.keys import purge, tag

__all__ = ["LISTS", "expert", "interview", "interview_changed", "listed", "purge", "tag", "topic"]

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


def interview_changed(interview_id, experts=(), topics=()):
    """Purge the pages showing an interview: its own, its experts' and topics', and every list."""
    names = [interview(interview_id), LISTS]
    names += [expert(pk) for pk in experts] + [topic(pk) for pk in topics]
    purge(names)
