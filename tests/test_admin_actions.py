"""Admin actions report each row they refuse as a message and still do the others."""

from django.apps import apps
from django.contrib import admin
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import RequestFactory, TestCase
from django.urls import reverse

from cms.attribution.models import Republication
from cms.reports.models import Correction
from cms.roles.definitions import EDITORS
from interviews.models import Interview
from tests.builders import make_draft, make_expert, make_interview, make_user
from tests.reports.builders import BLOCKS, make_report

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
        # Each names an expert, as publishing needs (interviews/publishing_checks.py).
        ours = make_draft(title="Our own piece", experts=[make_expert()])
        borrowed = make_draft(title="Borrowed piece", experts=[make_expert()])
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


class EveryActionTests(TestCase):
    """Each action of the project's admins, run by an editor on every row, answers without a server error."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])
        expert = make_expert()
        interview = make_interview(title="Published", experts=[expert], tags=["Water"], blocks=BLOCKS)
        make_draft(title="Draft")
        borrowed = make_draft(title="Borrowed")
        Interview.objects.filter(pk=borrowed.pk).update(origin=Interview.Origin.PARTNER)
        report = make_report(
            interview, selection="shraed", before="have ", after=" the river", comment="shared"
        )
        Correction.objects.create(interview=interview, text="A date was wrong.", report=report)
        Republication.objects.create(interview=interview, page_url="https://blog.example/a")

    def test_each_action_answers_with_a_page_or_a_message(self):
        self.client.force_login(self.editor)
        request = RequestFactory().get("/")
        request.user = self.editor
        for label in ("interviews", "reports", "attribution", "taggit"):
            for model in apps.get_app_config(label).get_models():
                if not admin.site.is_registered(model):
                    continue
                model_admin = admin.site.get_model_admin(model)
                changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
                pks = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]
                for action in model_admin.get_actions(request):
                    with self.subTest(model=model.__name__, action=action), transaction.atomic():
                        data = {"action": action, "_selected_action": pks, "confirmed": "yes", "post": "yes"}
                        response = self.client.post(changelist, data)
                        self.assertIn(response.status_code, {200, 302})
                        if response.status_code == 302:
                            self.assertTrue(list(get_messages(response.wsgi_request)))
                        transaction.set_rollback(True)
