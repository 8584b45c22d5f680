"""What must be right before an interview is published (interviews/publishing_checks.py)."""

from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse

from cms.attribution.source_check import partner_material_names_its_source
from cms.roles.definitions import EDITORS
from interviews.models import Block, Interview, InterviewExpert, StatusChange
from interviews.publishing_checks import CHECKS, PublishingRefused, problems, register
from interviews.workflow import apply_transition
from tests.builders import image_upload, make_draft, make_expert, make_user

Status = Interview.Status
CHANGELIST = reverse("admin:interviews_interview_changelist")


def transition_url(interview, name="publish"):
    return reverse("admin:interviews_interview_transition", args=[interview.pk, name])


def ready_draft(**fields):
    """A draft with nothing to fix: an expert with a role, a lead, text blocks."""
    return make_draft(experts=[make_expert()], **fields)


def codes(interview):
    return [(p.code, p.hard) for p in problems(interview)]


class CheckTests(TestCase):
    def test_a_ready_draft_has_no_problems(self):
        self.assertEqual(problems(ready_draft()), [])

    def test_an_image_block_without_a_file_is_hard_and_named_by_its_position(self):
        draft = ready_draft()
        empty = Block.objects.create(interview=draft, kind="image", order=5, caption="A river")
        found = problems(draft)
        self.assertEqual([(p.code, p.hard) for p in found], [(f"image-without-file-{empty.pk}", True)])
        self.assertEqual(
            found[0].message,
            "Block 3 is an image block without a picture: add the file or delete the block.",
        )

    def test_an_image_block_with_its_file_is_fine(self):
        draft = ready_draft()
        block = Block(interview=draft, kind="image", order=5)
        block.image.save("river.jpg", image_upload(), save=True)
        self.assertEqual(problems(draft), [])

    def test_no_expert_is_hard(self):
        self.assertEqual(codes(make_draft()), [("no-expert", True)])

    def test_a_missing_lead_is_soft(self):
        self.assertEqual(codes(ready_draft(lead="  ")), [("no-lead", False)])

    def test_an_expert_credit_without_a_role_is_soft_and_names_the_expert(self):
        draft = make_draft()
        nobody = make_expert(name="Aigerim Bek", position="", affiliation="")
        InterviewExpert.objects.create(interview=draft, expert=nobody)
        found = problems(draft)
        self.assertEqual([(p.code, p.hard) for p in found], [(f"no-role-{nobody.pk}", False)])
        self.assertIn("Aigerim Bek has no role in this interview", found[0].message)

    def test_partner_material_without_its_source_is_hard(self):
        draft = ready_draft()
        Interview.objects.filter(pk=draft.pk).update(origin=Interview.Origin.PARTNER)
        draft.refresh_from_db()
        self.assertEqual(codes(draft), [("partner-without-source", True)])
        draft.source_name, draft.source_url = "Partner", "ftp://partner.example/piece"
        self.assertEqual(codes(draft), [("partner-source-not-a-link", True)])
        draft.source_url = "https://partner.example/piece"
        self.assertEqual(codes(draft), [])

    def test_attribution_plugs_its_check_in_from_its_app_config(self):
        self.assertIn(partner_material_names_its_source, CHECKS)
        register(partner_material_names_its_source)  # registering twice adds nothing
        self.assertEqual(CHECKS.count(partner_material_names_its_source), 1)

    def test_hard_problems_come_before_soft_ones(self):
        draft = make_draft(lead="")
        self.assertEqual(codes(draft), [("no-expert", True), ("no-lead", False)])


class ApplyTransitionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])

    def test_a_hard_problem_refuses_even_when_confirmed(self):
        draft = make_draft()
        with self.assertRaises(PublishingRefused) as refused:
            apply_transition("publish", draft, self.editor, confirmed=["no-expert"])
        self.assertEqual([p.code for p in refused.exception.problems], ["no-expert"])
        draft.refresh_from_db()
        self.assertEqual(draft.status, Status.DRAFT)
        self.assertFalse(StatusChange.objects.exists())

    def test_a_soft_problem_needs_its_confirmation(self):
        draft = ready_draft(lead="")
        with self.assertRaises(PublishingRefused):
            apply_transition("publish", draft, self.editor)
        with self.assertRaises(PublishingRefused):
            apply_transition("publish", draft, self.editor, confirmed=["no-role-1"])
        moved = apply_transition("publish", draft, self.editor, confirmed=["no-lead"])
        self.assertEqual(moved.status, Status.PUBLISHED)

    def test_other_moves_are_not_checked(self):
        draft = make_draft(created_by=self.editor)
        self.assertEqual(apply_transition("submit", draft, self.editor).status, Status.REVIEW)


class PublishPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])

    def setUp(self):
        self.client.force_login(self.editor)

    def test_hard_problems_are_listed_and_there_is_no_publish_button(self):
        draft = make_draft(title="Nobody interviewed")
        Block.objects.create(interview=draft, kind="image", order=9)
        page = self.client.get(transition_url(draft))
        self.assertContains(page, "It cannot be published until these are fixed")
        self.assertContains(page, "No expert is named")
        self.assertContains(page, "Block 3 is an image block without a picture")
        self.assertNotContains(page, 'value="Yes, publish')
        self.assertContains(page, "Go back and fix them")
        response = self.client.post(transition_url(draft))
        self.assertContains(response, "Nothing was published: fix the problems listed above first.")
        draft.refresh_from_db()
        self.assertEqual(draft.status, Status.DRAFT)

    def test_soft_problems_ask_to_confirm_and_publishing_confirms_them(self):
        draft = ready_draft(title="No lead", lead="")
        page = self.client.get(transition_url(draft))
        self.assertContains(page, "Please check before publishing")
        self.assertContains(page, "There is no lead")
        self.assertContains(page, 'value="Yes, publish anyway"')
        self.assertContains(page, 'name="confirmed" value="no-lead"')
        response = self.client.post(transition_url(draft), {"confirmed": "no-lead"})
        self.assertEqual(response.status_code, 302)
        draft.refresh_from_db()
        self.assertEqual(draft.status, Status.PUBLISHED)

    def test_a_warning_that_appeared_after_the_page_was_shown_is_asked_again(self):
        draft = ready_draft(title="Lead removed meanwhile")
        Interview.objects.filter(pk=draft.pk).update(lead="")
        response = self.client.post(transition_url(draft), {"confirmed": ""})
        self.assertContains(response, "Nothing was published yet: check the points listed above")
        self.assertContains(response, 'name="confirmed" value="no-lead"')
        draft.refresh_from_db()
        self.assertEqual(draft.status, Status.DRAFT)

    def test_a_ready_interview_publishes_as_before(self):
        draft = ready_draft()
        page = self.client.get(transition_url(draft))
        self.assertNotContains(page, "publishing-problems")
        self.assertContains(page, 'value="Yes, publish"')
        self.assertEqual(self.client.post(transition_url(draft)).status_code, 302)


class BulkPublishTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])

    def setUp(self):
        self.client.force_login(self.editor)

    def test_the_confirmation_lists_problems_and_publishes_only_what_may_go(self):
        ready = ready_draft(title="Ready")
        unled = ready_draft(title="Unled", lead="")
        nobody = make_draft(title="Nobody")
        data = {"action": "publish_selected", "_selected_action": [ready.pk, unled.pk, nobody.pk]}
        confirm = self.client.post(CHANGELIST, data)
        self.assertContains(confirm, "These have points to check")
        self.assertContains(confirm, "There is no lead")
        self.assertContains(confirm, "These cannot be published until their problems are fixed")
        self.assertContains(confirm, "No expert is named")
        self.assertContains(confirm, 'value="Yes, publish 2"')
        self.assertContains(confirm, f'name="confirmed-{unled.pk}" value="no-lead"')
        response = self.client.post(
            CHANGELIST, {**data, "confirmed": "yes", f"confirmed-{unled.pk}": "no-lead"}, follow=True
        )
        texts = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertIn("Publish: 2 interview(s).", texts)
        self.assertIn("“Nobody” was left as it is: No expert is named: add the person interviewed "
                      "under “Interviewed experts”.", texts)  # fmt: skip
        published = set(Interview.objects.filter(status=Status.PUBLISHED).values_list("title", flat=True))
        self.assertEqual(published, {"Ready", "Unled"})

    def test_an_unconfirmed_warning_leaves_that_interview_as_it_is(self):
        unled = ready_draft(title="Unled", lead="")
        data = {"action": "publish_selected", "_selected_action": [unled.pk], "confirmed": "yes"}
        response = self.client.post(CHANGELIST, data, follow=True)
        texts = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertIn("Publish: 0 interview(s).", texts)
        self.assertEqual(Interview.objects.get(pk=unled.pk).status, Status.DRAFT)
