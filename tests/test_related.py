"""Related interviews: same experts first, then shared topics among each topic's recent ones."""

from unittest import mock

from django.test import TestCase

from interviews import related
from interviews.models import Interview
from tests.builders import make_expert, make_interview


class RelatedCandidateTests(TestCase):
    def test_a_topic_contributes_only_its_most_recent_interviews(self):
        expert = make_expert()
        interview = make_interview(experts=[expert], tags=["Water"])
        oldest = make_interview(title="Oldest on water", tags=["Water"])
        same_expert = make_interview(title="Same expert, other topic", experts=[expert])
        newer = [make_interview(title=f"Newer on water {n}", tags=["Water"]) for n in range(2)]
        with mock.patch.object(related, "RECENT_PER_TOPIC", 2):
            # The two most recently added on "Water" are candidates; the oldest is not.
            shown = related.related_interviews(Interview.objects.for_page().get(pk=interview.pk))
        self.assertEqual(shown[0], same_expert)
        self.assertEqual(set(shown[1:]), set(newer))
        self.assertNotIn(oldest, shown)

    def test_only_published_interviews_are_related(self):
        interview = make_interview(tags=["Water"])
        draft = make_interview(tags=["Water"], status=Interview.Status.DRAFT, publish_at=None)
        shown = related.related_interviews(Interview.objects.for_page().get(pk=interview.pk))
        self.assertNotIn(draft, shown)
        self.assertNotIn(interview, shown)

    def test_drafts_on_a_topic_do_not_use_up_its_places(self):
        interview = make_interview(tags=["Water"])
        published = make_interview(title="Published on water", tags=["Water"])
        for _ in range(3):
            make_interview(tags=["Water"], status=Interview.Status.DRAFT, publish_at=None)
        with mock.patch.object(related, "RECENT_PER_TOPIC", 2):
            shown = related.related_interviews(Interview.objects.for_page().get(pk=interview.pk))
        self.assertEqual(shown, [published])
