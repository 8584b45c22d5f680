"""What saving an interview through its admin form costs, the refresh on commit included."""

from datetime import timedelta

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from cms.roles.definitions import EDITORS
from interviews.models import Interview, RelatedInterview
from tests.builders import make_expert, make_interview, make_user
from tests.test_workflow import change_url, edit_form

# The whole save: the form's checks, the rows written, the revision, and what is derived from
# the interview refreshed once on commit, however many blocks it has.
MAX_QUERIES = 40


def transcript(count):
    """Return `count` blocks, questions and answers in turn."""
    return [
        ("question", f"What happened in year {n}?")
        if n % 2 == 0
        else ("answer", f"Answer number {n}, at length.")
        for n in range(count)
    ]


@override_settings(REFRESH_AT_ONCE=False)
class SaveQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])
        # Each change is refreshed when its transaction commits, which TestCase's never does.
        with cls.captureOnCommitCallbacks(execute=True):
            cls.expert = make_expert(name="Aida Sultan")
            cls.topic = Tag.objects.create(name="Trade", slug="trade")

    def setUp(self):
        self.client.force_login(self.editor)
        # In whole seconds, as the form sends it back: the save moves the interview in no list.
        self.published = timezone.now().replace(microsecond=0) - timedelta(days=1)
        with self.captureOnCommitCallbacks(execute=True):
            self.neighbour = make_interview(title="A neighbour", experts=[self.expert], tags=[self.topic])
        # The first save in a process also looks up content types, which stay cached.
        self.save_one_changed_block(2)

    def save_one_changed_block(self, count):
        """Return the queries of saving one changed block of a `count`-block interview, and the interview."""
        with self.captureOnCommitCallbacks(execute=True):
            interview = make_interview(
                experts=[self.expert], tags=[self.topic], blocks=transcript(count), publish_at=self.published
            )
        data = edit_form(self.client, interview, **{"blocks-1-text": "A changed answer about grain prices."})
        with CaptureQueriesContext(connection) as queries, self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(change_url(interview), data)
        self.assertEqual(response.status_code, 302, response.context and response.context["errors"])
        return queries, Interview.objects.get(pk=interview.pk)

    def assert_refreshed(self, interview):
        self.assertIn("grain prices", interview.body_html)
        self.assertIn("grain prices", interview.search_text)
        self.assertEqual(interview.page_parts["topic_names"], ["Trade"])
        related = RelatedInterview.objects.filter(interview=interview).values_list("other", flat=True)
        self.assertIn(self.neighbour.pk, list(related))

    def test_saving_one_block_costs_the_same_for_30_blocks_as_for_60(self):
        thirty, interview = self.save_one_changed_block(30)
        self.assert_refreshed(interview)
        sixty, interview = self.save_one_changed_block(60)
        self.assert_refreshed(interview)
        queries = "\n".join(query["sql"][:200] for query in thirty.captured_queries)
        self.assertLessEqual(len(thirty), MAX_QUERIES, queries)
        self.assertLessEqual(len(sixty), MAX_QUERIES)
        self.assertLessEqual(abs(len(sixty) - len(thirty)), 1)
