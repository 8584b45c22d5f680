"""Jobs of the interviews app, run by `manage.py worker` (cms/jobs)."""

from django.db.models import Q

from cms.jobs.jobs import job
from interviews import keys
from interviews.derived import refresh_bodies, refresh_parts
from interviews.models import InterviewExpert, RelatedInterview, TaggedInterview
from interviews.related import refresh_all_related
from interviews.renditions import make_renditions


@job
def refresh_neighbours(interview_id, former_experts=(), former_topics=()):
    """Refresh the related lists of the interviews sharing an expert or a topic with an interview.

    former_experts and former_topics were just taken off it: their interviews' lists may still name it.
    """
    experts = set(InterviewExpert.objects.filter(interview=interview_id).values_list("expert", flat=True))
    topics = set(TaggedInterview.objects.filter(content_object=interview_id).values_list("tag", flat=True))
    experts |= set(former_experts)
    topics |= set(former_topics)
    ids = set(InterviewExpert.objects.filter(expert__in=experts).values_list("interview", flat=True))
    ids |= set(TaggedInterview.objects.filter(Q(tag__in=topics)).values_list("content_object", flat=True))
    ids.discard(interview_id)  # its own list is refreshed when it is saved
    before = _lists(ids)
    refresh_all_related(sorted(ids))
    changed = [pk for pk, listed in _lists(ids).items() if before.get(pk) != listed]
    if changed:
        keys.outdated([keys.links_of(pk) for pk in changed])  # only their own pages show the lists
    return len(ids)


def _lists(ids):
    """Return {interview id: its stored related list} of these interviews."""
    lists = {pk: [] for pk in ids}
    rows = RelatedInterview.objects.filter(interview__in=list(ids)).order_by("interview", "rank")
    for pk, other in rows.values_list("interview", "other"):
        lists[pk].append(other)
    return lists


@job
def make_image_renditions(name, interview_ids=(), page_keys=()):
    """Make the renditions of an uploaded image, then store the pages of the interviews showing it
    and outdate theirs and the other pages showing it (`page_keys`)."""
    made = make_renditions(name)
    refresh_bodies(interview_ids)
    refresh_parts(interview_ids)
    keys.outdated([*(keys.interview(pk) for pk in interview_ids), *page_keys, keys.CHANGES])
    return len(made)
