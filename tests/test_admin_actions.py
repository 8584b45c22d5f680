"""Admin actions report each row they refuse as a message and still do the others."""

from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse

from cms.roles.definitions import EDITORS
from interviews.models import Interview
from tests.builders import make_draft, make_interview, make_user

CHANGELIST = reverse("admin:interviews_interview_changelist")
Status = Interview.Status


class BulkTransitionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])

    def setUp(self):
        self.client.force_login(self.editor)

    def run_action(self, action, interviews):
        data = {"action": action, "_selected_action": [i.pk for i in interviews], "confirmed": "yes"}
        return self.client.post(CHANGELIST, data, follow=True)

    def test_publishing_partner_material_without_its_source_is_refused_with_a_message(self):
        ours = make_draft(title="Our own piece")
        borrowed = make_draft(title="Borrowed piece")
        Interview.objects.filter(pk=borrowed.pk).update(origin=Interview.Origin.PARTNER)
        response = self.run_action("publish_selected", [ours, borrowed])
        self.assertEqual(response.status_code, 200)
        texts = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertIn(
            "“Borrowed piece” was left as it is: "
            "Partner material needs the source outlet's name and address.",
            texts,
        )
        self.assertIn("Publish: 1 interview(s).", texts)
        self.assertEqual(Interview.objects.get(pk=ours.pk).status, Status.PUBLISHED)
        self.assertEqual(Interview.objects.get(pk=borrowed.pk).status, Status.DRAFT)

    def test_unpublishing_still_moves_every_published_row(self):
        first, second = make_interview(title="One"), make_interview(title="Two")
        response = self.run_action("unpublish_selected", [first, second])
        self.assertContains(response, "Unpublish: 2 interview(s).")
        self.assertEqual(Interview.objects.filter(status=Status.UNPUBLISHED).count(), 2)
