"""The refresh of derived data: once per transaction, on commit, and nothing for what rolled back."""

from django.db import transaction
from django.test import TestCase, override_settings

from interviews import refresh
from interviews.models import Block, Interview
from tests.builders import make_expert, make_interview


class Refused(Exception):
    pass


@override_settings(REFRESH_AT_ONCE=False)
class OnCommitTests(TestCase):
    def setUp(self):
        self.refreshed = []
        refresh.interviews_refreshed.connect(self.note, dispatch_uid="test-refresh")
        self.addCleanup(refresh.interviews_refreshed.disconnect, dispatch_uid="test-refresh")

    def note(self, sender, changes, **kwargs):
        self.refreshed.append(sorted(changes))

    def search_text(self, interview):
        return Interview.objects.values_list("search_text", flat=True).get(pk=interview.pk)

    def test_a_transaction_refreshes_each_interview_once_when_it_commits(self):
        with self.captureOnCommitCallbacks() as callbacks:
            interview = make_interview(experts=[make_expert()], tags=["Water"], blocks=[("answer", "Dams")])
            Block.objects.create(interview=interview, kind="answer", text="Rivers", order=5)
            self.assertEqual(self.search_text(interview), "", "nothing is refreshed before the commit")
        self.assertEqual(len(callbacks), 1)
        callbacks[0]()
        self.assertEqual(self.refreshed, [[interview.pk]])
        self.assertIn("Rivers", self.search_text(interview))
        self.assertIn("Rivers", Interview.objects.get(pk=interview.pk).body_html)

    def test_nested_blocks_that_commit_join_their_transaction(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks, transaction.atomic():
            first = make_interview(blocks=[("answer", "Dams")])
            with transaction.atomic():
                second = make_interview(blocks=[("answer", "Canals")])
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(self.refreshed, [sorted([first.pk, second.pk])])
        self.assertIn("Canals", self.search_text(second))

    def test_a_rolled_back_block_leaves_nothing_to_refresh(self):
        with self.captureOnCommitCallbacks(execute=True):
            try:
                with transaction.atomic():
                    make_interview(title="Never saved", blocks=[("answer", "Dams")])
                    raise Refused
            except Refused:
                pass
            kept = make_interview(blocks=[("answer", "Canals")])
        self.assertEqual(self.refreshed, [[kept.pk]])
        self.assertIn("Canals", self.search_text(kept))

    def test_a_rolled_back_transaction_leaves_nothing_for_the_next(self):
        try:
            with transaction.atomic():
                make_interview(title="Never saved")
                raise Refused
        except Refused:
            pass
        with self.captureOnCommitCallbacks(execute=True):
            later = make_interview()
        self.assertEqual(self.refreshed, [[later.pk]])
