"""Related interviews: same experts first, then shared topics among each topic's recent ones.

Lists are stored per interview; these tests check what they hold and when they are written.
"""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import TestCase, TransactionTestCase

from interviews import related
from interviews.models import Interview, RelatedInterview
from interviews.workflow import apply_transition
from tests.builders import make_expert, make_interview, make_user, run_in_threads


def shown(interview):
    return related.linked_interviews(interview)[1]


class RelatedListTests(TestCase):
    def test_a_topic_contributes_only_its_most_recent_interviews(self):
        expert = make_expert()
        interview = make_interview(experts=[expert], tags=["Water"])
        oldest = make_interview(title="Oldest on water", tags=["Water"])
        same_expert = make_interview(title="Same expert, other topic", experts=[expert])
        newer = [make_interview(title=f"Newer on water {n}", tags=["Water"]) for n in range(2)]
        with mock.patch.object(related, "RECENT_PER_TOPIC", 2):
            # The two most recently added on "Water" are candidates; the oldest is not.
            related.refresh_related([interview.pk])
        listed = shown(interview)
        self.assertEqual(listed[0], same_expert)
        self.assertEqual(set(listed[1:]), set(newer))
        self.assertNotIn(oldest, listed)

    def test_more_shared_topics_rank_higher_then_the_newest(self):
        interview = make_interview(tags=["Water", "Energy"])
        one_topic_new = make_interview(title="One topic, newer", tags=["Water"])
        both_topics = make_interview(title="Both topics", tags=["Water", "Energy"])
        one_topic_old = make_interview(title="One topic, older", tags=["Energy"])
        one_topic_old.publish_at = one_topic_new.publish_at.replace(year=2020)
        one_topic_old.save()
        related.refresh_related([interview.pk])
        self.assertEqual(shown(interview), [both_topics, one_topic_new, one_topic_old])

    def test_only_published_interviews_are_listed(self):
        interview = make_interview(tags=["Water"])
        draft = make_interview(tags=["Water"], status=Interview.Status.DRAFT, publish_at=None)
        related.refresh_related([interview.pk])
        self.assertNotIn(draft, shown(interview))
        self.assertNotIn(interview, shown(interview))

    def test_drafts_on_a_topic_do_not_use_up_its_places(self):
        interview = make_interview(tags=["Water"])
        published = make_interview(title="Published on water", tags=["Water"])
        for _ in range(3):
            make_interview(tags=["Water"], status=Interview.Status.DRAFT, publish_at=None)
        with mock.patch.object(related, "RECENT_PER_TOPIC", 2):
            related.refresh_related([interview.pk])
        self.assertEqual(shown(interview), [published])

    def test_an_interview_unpublished_after_the_list_was_made_is_not_shown(self):
        interview = make_interview(tags=["Water"])
        other = make_interview(title="Later withdrawn", tags=["Water"])
        related.refresh_related([interview.pk])
        self.assertEqual(shown(interview), [other])
        Interview.objects.filter(pk=other.pk).update(status=Interview.Status.UNPUBLISHED)
        self.assertEqual(shown(interview), [])

    def test_a_scheduled_interview_is_listed_but_shown_only_once_it_is_live(self):
        interview = make_interview(tags=["Water"])
        scheduled = make_interview(title="Tomorrow", tags=["Water"])
        Interview.objects.filter(pk=scheduled.pk).update(publish_at=scheduled.publish_at.replace(year=2100))
        related.refresh_related([interview.pk])
        self.assertEqual(shown(interview), [])
        Interview.objects.filter(pk=scheduled.pk).update(publish_at=interview.publish_at)
        self.assertEqual(shown(interview), [scheduled])

    def test_translations_are_linked_as_such_and_not_as_related(self):
        original = make_interview(tags=["Water"])
        translation = make_interview(tags=["Water"], language="ru", translation_of=original)
        other = make_interview(tags=["Water"])
        draft_translation = make_interview(
            language="kk", translation_of=original, status=Interview.Status.DRAFT, publish_at=None
        )
        related.refresh_related([original.pk, translation.pk])
        self.assertEqual(related.linked_interviews(original), ([translation], [other]))
        self.assertEqual(related.linked_interviews(translation), ([original], [other]))
        self.assertNotIn(draft_translation, related.linked_interviews(original)[0])
        # What the page shows of each, as the database holds it.
        (shown_translation,), (shown_other,) = related.linked_interviews(original)
        for shown, stored in [(shown_translation, translation), (shown_other, other)]:
            self.assertEqual(
                (shown.title, shown.slug, shown.language, shown.publish_at, shown.get_absolute_url()),
                (stored.title, stored.slug, stored.language, stored.publish_at, stored.get_absolute_url()),
            )

    def test_at_most_related_count_are_shown_and_stored_count_kept(self):
        interview = make_interview(tags=["Water"])
        for _ in range(related.STORED_COUNT + 2):
            make_interview(tags=["Water"])
        related.refresh_related([interview.pk])
        self.assertEqual(len(shown(interview)), related.RELATED_COUNT)
        self.assertEqual(interview.related_entries.count(), related.STORED_COUNT)


class RelatedRefreshTests(TestCase):
    def test_saving_an_interview_refreshes_its_list_and_those_sharing_an_expert_or_topic(self):
        expert = make_expert()
        older = make_interview(title="Older", experts=[expert])
        on_topic = make_interview(title="Topic only", tags=["Water"])
        newer = make_interview(title="Newer", experts=[expert], tags=["Water"])
        self.assertEqual(shown(newer), [older, on_topic])
        self.assertEqual(shown(older), [newer])
        # Sharing only a topic, the older one learns of the newer from the job the save queued.
        self.assertEqual(shown(on_topic), [newer])

    def test_publishing_through_the_workflow_refreshes_the_lists_around_it(self):
        expert = make_expert()
        older = make_interview(title="Older", experts=[expert])
        draft = make_interview(
            title="Draft", experts=[expert], status=Interview.Status.REVIEW, publish_at=None
        )
        self.assertEqual(shown(older), [])
        apply_transition("publish", draft, make_user(superuser=True))
        self.assertEqual(shown(older), [draft])

    def test_taking_an_expert_off_an_interview_takes_it_off_that_experts_other_lists(self):
        expert, other_expert = make_expert(), make_expert()
        older = make_interview(title="Older", experts=[expert])
        second = make_interview(title="Also by the expert", experts=[other_expert])
        newer = make_interview(title="Newer", experts=[expert])
        self.assertEqual(shown(older), [newer])
        credit = newer.interview_experts.get()
        credit.expert = other_expert
        credit.save()
        self.assertEqual(shown(older), [])
        self.assertEqual(shown(second), [newer])
        credit.delete()
        self.assertEqual(shown(second), [])

    def test_the_command_refreshes_every_list(self):
        on_topic = make_interview(title="Topic only", tags=["Water"])
        newer = make_interview(title="Newer", tags=["Water"])
        out = StringIO()
        call_command("refresh_related", stdout=out)
        self.assertEqual(shown(on_topic), [newer])
        self.assertIn("2 interviews", out.getvalue())

    def test_removing_a_topic_takes_its_interviews_off_the_list(self):
        interview = make_interview(tags=["Water"])
        other = make_interview(tags=["Water"])
        related.refresh_related([interview.pk])
        self.assertEqual(shown(interview), [other])
        interview.tags.remove("Water")
        self.assertEqual(shown(interview), [])

    def test_deleting_an_interview_deletes_its_list_and_its_places_in_others(self):
        expert = make_expert()
        first = make_interview(experts=[expert])
        second = make_interview(experts=[expert])
        self.assertEqual(shown(first), [second])
        second.delete()
        self.assertEqual(shown(first), [])
        self.assertFalse(RelatedInterview.objects.filter(interview=second.pk).exists())
        self.assertFalse(RelatedInterview.objects.exists())


@pytest.mark.postgres
class ConcurrentRefreshTests(TransactionTestCase):
    def test_refreshes_of_the_same_lists_at_once_wait_for_each_other(self):
        expert = make_expert()
        ids = [make_interview(experts=[expert], tags=["Water"]).pk for _ in range(6)]
        errors = []

        def refresh_repeatedly():
            try:
                for _ in range(15):
                    related.refresh_related(ids)
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                errors.append(error)
            finally:
                connections.close_all()

        run_in_threads(refresh_repeatedly, 3)
        self.assertEqual(errors, [])
        self.assertEqual(RelatedInterview.objects.count(), 6 * 5)
