from datetime import timedelta

import reversion
import time_machine
from django import forms
from django.core import signing
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from cms.roles.definitions import AUTHORS, EDITORS, EXPERT_STAFF
from interviews.models import ApprovalRequest, Block, Interview, StatusChange
from interviews.workflow import approval_token, create_approval_request
from tests.builders import make_draft, make_expert, make_interview, make_user
from tests.test_admin import inline_management

Status = Interview.Status


def change_url(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])


def transition_url(interview, name):
    return reverse("admin:interviews_interview_transition", args=[interview.pk, name])


def edit_form(client, interview, **changes):
    """Return the change form's data as a browser would send it, with changes applied."""
    response = client.get(change_url(interview))
    assert response.status_code == 200, response.status_code
    return form_data(response, interview, **changes)


def form_data(response, interview, **changes):
    """Return the data of the interview form a response shows, as a browser would send it."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or isinstance(field, forms.FileField):
            continue
        if name == "publish_at":
            local = timezone.localtime(value)
            data["publish_at_0"], data["publish_at_1"] = (
                local.strftime("%Y-%m-%d"),
                local.strftime("%H:%M:%S"),
            )
            continue
        if name == "tags":
            data[name] = ", ".join(tag.name for tag in interview.tags.all())
            continue
        data[name] = "on" if value is True else ("" if value is False else value)
    for formset in response.context["inline_admin_formsets"]:
        fs = formset.formset
        data.update(inline_management(fs.prefix, len(fs.forms), fs.initial_form_count()))
        for i, subform in enumerate(fs.forms):
            for name, field in subform.fields.items():
                value = subform[name].value()
                if value is not None and value is not False and not isinstance(field, forms.FileField):
                    data[f"{fs.prefix}-{i}-{name}"] = value
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


class RoleMatrixTests(TestCase):
    """Each role against each action, through the admin's real URLs."""

    @classmethod
    def setUpTestData(cls):
        cls.author = make_user(groups=[AUTHORS])
        cls.other_author = make_user(groups=[AUTHORS])
        cls.editor = make_user(groups=[EDITORS])
        cls.staff = make_user(groups=[EXPERT_STAFF])
        cls.expert = make_expert()

    def setUp(self):
        self.own_draft = make_draft(title="Own draft", created_by=self.author)
        self.others_draft = make_draft(title="Other draft", created_by=self.other_author)
        self.published = make_interview(title="Published one", created_by=self.author)
        self.in_review = make_interview(
            title="Waiting",
            status=Status.REVIEW,
            publish_at=None,
            created_by=self.author,
            experts=[self.expert],  # publishing needs one (interviews/publishing_checks.py)
        )
        with reversion.create_revision():
            self.others_draft.save()
        self.others_version = Version.objects.get_for_object(self.others_draft).first()

    def status_of(self, client, interview, name, method="post"):
        url = transition_url(interview, name)
        return (client.post(url, {"note": ""}) if method == "post" else client.get(url)).status_code

    def client_for(self, user):
        client = Client()
        client.force_login(user)
        return client

    def test_matrix(self):
        expected = {
            # action: (author, editor, expert staff)
            "list interviews": (200, 200, 403),
            "open the add form": (200, 200, 403),
            "edit own draft": (200, 200, 403),
            "edit someone else's draft": (302, 200, 403),
            "edit a published interview": ("read only", 200, 403),
            "submit own draft for review": (302, 302, 403),
            "publish": (403, 302, 403),
            "unpublish": (403, 302, 403),
            "return from review": (403, 302, 403),
            "delete": (403, 200, 403),
            "preview own draft": (200, 200, 403),
            "preview someone else's draft": (403, 200, 403),
            "edit an expert": ("read only", 200, 200),
            "create a share link": (403, 302, 403),
            "see the history of someone else's draft": (404, 200, 404),
            "compare revisions of someone else's draft": (404, 200, 404),
        }
        for column, user in enumerate([self.author, self.editor, self.staff]):
            for action, codes in expected.items():
                self.setUp()
                client = self.client_for(user)
                with self.subTest(user=user.groups.first().name, action=action):
                    self.assertEqual(self.attempt(client, action), codes[column])

    def edit_status(self, response):
        if response.status_code == 200 and not response.context["has_change_permission"]:
            return "read only"
        return response.status_code

    def attempt(self, client, action):
        if action == "list interviews":
            return client.get(reverse("admin:interviews_interview_changelist")).status_code
        if action == "open the add form":
            return client.get(reverse("admin:interviews_interview_add")).status_code
        if action == "edit own draft":
            return client.get(change_url(self.own_draft)).status_code
        if action == "edit someone else's draft":
            # Outside an author's own interviews the admin redirects with "does not exist".
            return client.get(change_url(self.others_draft)).status_code
        if action == "edit a published interview":
            return self.edit_status(client.get(change_url(self.published)))
        if action == "submit own draft for review":
            return self.status_of(client, self.own_draft, "submit")
        if action == "publish":
            return self.status_of(client, self.in_review, "publish")
        if action == "unpublish":
            return self.status_of(client, self.published, "unpublish")
        if action == "return from review":
            return self.status_of(client, self.in_review, "return")
        if action == "delete":
            return client.get(
                reverse("admin:interviews_interview_delete", args=[self.own_draft.pk])
            ).status_code
        if action == "preview own draft":
            return client.get(reverse("interviews:preview", args=[self.own_draft.pk])).status_code
        if action == "preview someone else's draft":
            return client.get(reverse("interviews:preview", args=[self.others_draft.pk])).status_code
        if action == "edit an expert":
            return self.edit_status(
                client.get(reverse("admin:interviews_expert_change", args=[self.expert.pk]))
            )
        if action == "see the history of someone else's draft":
            return client.get(
                reverse("admin:interviews_interview_history", args=[self.others_draft.pk])
            ).status_code
        if action == "compare revisions of someone else's draft":
            url = reverse(
                "admin:interviews_interview_compare", args=[self.others_draft.pk, self.others_version.pk]
            )
            return client.get(url).status_code
        if action == "create a share link":
            url = reverse("admin:interviews_interview_approval_new", args=[self.own_draft.pk])
            return client.post(url).status_code
        raise AssertionError(action)

    def test_author_never_sees_the_expert_share_link(self):
        approval = create_approval_request(self.own_draft, self.editor)
        page = self.client_for(self.author).get(change_url(self.own_draft))
        self.assertNotContains(page, approval_token(approval))
        self.assertContains(
            self.client_for(self.editor).get(change_url(self.own_draft)), approval_token(approval)
        )

    def test_author_sees_only_own_interviews_and_no_publish_buttons(self):
        client = self.client_for(self.author)
        listing = client.get(reverse("admin:interviews_interview_changelist"))
        self.assertContains(listing, "Own draft")
        self.assertNotContains(listing, "Other draft")
        self.assertNotContains(listing, "publish_selected")
        page = client.get(change_url(self.own_draft))
        self.assertContains(page, "Submit for review")
        self.assertNotContains(page, transition_url(self.own_draft, "publish"))
        self.assertNotContains(page, "Create share link")
        self.assertNotContains(page, 'name="publish_at_0"')

    def test_editor_sees_the_moves_that_apply(self):
        client = self.client_for(self.editor)
        page = client.get(change_url(self.in_review))
        self.assertContains(page, transition_url(self.in_review, "publish"))
        self.assertContains(page, transition_url(self.in_review, "return"))
        self.assertNotContains(page, transition_url(self.in_review, "unpublish"))


class TransitionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.author = make_user(groups=[AUTHORS], first_name="Dana", last_name="K")
        cls.editor = make_user(groups=[EDITORS])

    def setUp(self):
        self.client.force_login(self.editor)
        self.draft = make_draft(title="Going out", created_by=self.author, experts=[make_expert()])

    def test_confirmation_page_comes_before_the_move(self):
        response = self.client.get(transition_url(self.draft, "publish"))
        self.assertContains(response, "Publish this interview?")
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, Status.DRAFT)

    def test_full_life_is_recorded_with_who_and_when(self):
        author = Client()
        author.force_login(self.author)
        self.assertEqual(author.post(transition_url(self.draft, "submit")).status_code, 302)
        self.client.post(transition_url(self.draft, "return"), {"note": "Shorten the lead"})
        author.post(transition_url(self.draft, "submit"))
        self.client.post(transition_url(self.draft, "publish"))
        self.client.post(transition_url(self.draft, "unpublish"))
        moves = list(
            StatusChange.objects.filter(interview=self.draft)
            .order_by("pk")
            .values_list("to_status", "changed_by")
        )
        self.assertEqual(
            moves,
            [
                (Status.REVIEW, self.author.pk),
                (Status.DRAFT, self.editor.pk),
                (Status.REVIEW, self.author.pk),
                (Status.PUBLISHED, self.editor.pk),
                (Status.UNPUBLISHED, self.editor.pk),
            ],
        )
        page = self.client.get(change_url(self.draft))
        self.assertContains(page, "Shorten the lead")
        self.assertContains(page, "Unpublished — since")

    def test_moves_that_do_not_apply_are_refused(self):
        self.assertEqual(self.client.post(transition_url(self.draft, "unpublish")).status_code, 403)
        self.assertEqual(self.client.post(transition_url(self.draft, "return")).status_code, 403)
        self.assertEqual(self.client.post(transition_url(self.draft, "fly")).status_code, 404)
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, Status.DRAFT)
        self.assertFalse(StatusChange.objects.exists())

    def test_bad_publish_time_is_refused_with_a_message(self):
        response = self.client.post(transition_url(self.draft, "publish"), {"publish_at": "next tuesday"})
        self.assertContains(response, "Enter a valid date/time.")
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, Status.DRAFT)

    def test_unpublishing_takes_it_off_every_public_page(self):
        published = make_interview(title="Visible", tags=["Water"])
        self.client.post(transition_url(published, "unpublish"))
        reader = Client()
        self.assertEqual(reader.get(published.get_absolute_url()).status_code, 404)
        self.assertNotContains(reader.get("/"), "Visible")
        self.assertNotContains(reader.get("/feed/"), "Visible")
        self.assertEqual(reader.get("/tags/water/").status_code, 404)

    def test_bulk_publish_asks_first_then_publishes(self):
        other = make_draft(title="Second", experts=[make_expert()])
        data = {"action": "publish_selected", "_selected_action": [self.draft.pk, other.pk]}
        confirm = self.client.post(reverse("admin:interviews_interview_changelist"), data)
        self.assertContains(confirm, "Publish this interview?")
        self.assertEqual(Interview.objects.filter(status=Status.PUBLISHED).count(), 0)
        self.client.post(reverse("admin:interviews_interview_changelist"), {**data, "confirmed": "yes"})
        self.assertEqual(Interview.objects.filter(status=Status.PUBLISHED).count(), 2)


class SchedulingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])

    def test_future_publish_time_schedules_and_goes_live_without_a_worker(self):
        self.client.force_login(self.editor)
        draft = make_draft(title="Tomorrow's piece", experts=[make_expert()])
        when = timezone.localtime() + timedelta(days=1)
        response = self.client.post(
            transition_url(draft, "publish"), {"publish_at": when.strftime("%Y-%m-%dT%H:%M")}
        )
        self.assertEqual(response.status_code, 302)
        listing = self.client.get(reverse("admin:interviews_interview_changelist"))
        self.assertContains(listing, "Scheduled for")
        reader = Client()
        self.assertEqual(reader.get(draft.get_absolute_url()).status_code, 404)
        with time_machine.travel(when + timedelta(minutes=1)):
            self.assertEqual(reader.get(draft.get_absolute_url()).status_code, 200)
            self.assertContains(reader.get("/"), "Tomorrow&#x27;s piece")


class PreviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.author = make_user(groups=[AUTHORS])
        cls.draft = make_draft(title="Unseen words", created_by=cls.author)

    def test_author_previews_own_draft_marked_and_never_cached(self):
        self.client.force_login(self.author)
        response = self.client.get(reverse("interviews:preview", args=[self.draft.pk]))
        self.assertContains(response, "Unseen words")
        self.assertContains(response, "Preview.")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")

    def test_anonymous_reader_is_sent_to_log_in(self):
        response = self.client.get(reverse("interviews:preview", args=[self.draft.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])

    def test_unknown_interview_is_404(self):
        self.client.force_login(self.author)
        self.assertEqual(self.client.get(reverse("interviews:preview", args=[999999])).status_code, 404)

    def test_preview_query_count_is_fixed(self):
        self.client.force_login(self.author)
        for _ in range(10):
            Block.objects.create(interview=self.draft, kind="answer", text="More.")
        with self.assertNumQueries(7):
            self.client.get(reverse("interviews:preview", args=[self.draft.pk]))


class ApprovalLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])
        cls.expert = make_expert(name="Aida Sultan")
        cls.draft = make_draft(title="Check my words", experts=[cls.expert])

    def link(self, approval):
        return reverse("interviews:approval", args=[approval_token(approval)])

    def test_editor_creates_a_link_and_the_admin_shows_it(self):
        self.client.force_login(self.editor)
        url = reverse("admin:interviews_interview_approval_new", args=[self.draft.pk])
        response = self.client.post(url, {"expert": self.expert.pk}, follow=True)
        approval = ApprovalRequest.objects.get()
        self.assertEqual(approval.expert, self.expert)
        self.assertContains(response, "Share link created")
        self.assertContains(response, self.link(approval))

    def test_expert_reads_the_draft_and_approves(self):
        approval = create_approval_request(self.draft, self.editor, self.expert)
        page = self.client.get(self.link(approval))
        self.assertContains(page, "Check my words")
        self.assertContains(page, "Your approval")
        self.assertIn("no-store", page["Cache-Control"])
        response = self.client.post(self.link(approval), {"decision": "approved", "comment": "All good"})
        self.assertEqual(response.status_code, 302)
        approval.refresh_from_db()
        self.assertEqual((approval.decision, approval.comment), ("approved", "All good"))
        self.assertFalse(approval.is_outdated)
        self.client.force_login(self.editor)
        admin_page = self.client.get(change_url(self.draft))
        self.assertContains(admin_page, "Approved")
        self.assertContains(admin_page, "All good")

    def test_request_for_changes_needs_a_comment(self):
        approval = create_approval_request(self.draft, self.editor, self.expert)
        response = self.client.post(self.link(approval), {"decision": "changes", "comment": "  "})
        self.assertContains(response, "Tell the editors what should change.", status_code=400)
        response = self.client.post(self.link(approval), {"decision": "maybe"})
        self.assertContains(response, "Choose Approve or Request changes.", status_code=400)
        approval.refresh_from_db()
        self.assertEqual(approval.decision, "")

    def test_comment_markup_stays_text_in_the_admin(self):
        approval = create_approval_request(self.draft, self.editor, self.expert)
        self.client.post(self.link(approval), {"decision": "changes", "comment": "<script>alert(1)</script>"})
        self.client.force_login(self.editor)
        admin_page = self.client.get(change_url(self.draft))
        self.assertContains(admin_page, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertNotContains(admin_page, "<script>alert(1)</script>")

    def test_edit_after_approval_marks_it_for_an_older_version(self):
        approval = create_approval_request(self.draft, self.editor, self.expert)
        self.client.post(self.link(approval), {"decision": "approved"})
        self.client.force_login(self.editor)
        self.client.post(
            change_url(self.draft), edit_form(self.client, self.draft, title="Check my new words")
        )
        approval.refresh_from_db()
        self.assertTrue(approval.is_outdated)
        self.assertContains(self.client.get(change_url(self.draft)), "For an older version")

    def test_expired_link_gives_a_clear_page(self):
        approval = create_approval_request(self.draft, self.editor, self.expert)
        with time_machine.travel(timezone.now() + timedelta(days=8)):
            response = self.client.get(self.link(approval))
        self.assertContains(response, "This link has expired", status_code=410)
        self.assertNotContains(response, "Check my words", status_code=410)

    def test_revoked_link_stops_working(self):
        approval = create_approval_request(self.draft, self.editor, self.expert)
        self.client.force_login(self.editor)
        self.client.post(
            reverse("admin:interviews_interview_approval_revoke", args=[self.draft.pk, approval.pk])
        )
        self.client.logout()
        response = self.client.get(self.link(approval))
        self.assertContains(response, "This link is not valid", status_code=404)
        self.assertNotContains(response, "Check my words", status_code=404)

    def test_tampered_links_reveal_nothing(self):
        approval = create_approval_request(self.draft, self.editor, self.expert)
        token = approval_token(approval)
        forged = signing.Signer(salt="interviews.approval").sign_object({"a": approval.pk, "n": "guess"})
        for bad in [token[:-2] + "xx", "nonsense", forged, "a" * 3000, token.replace(":", "")]:
            response = self.client.get(reverse("interviews:approval", args=[bad]))
            self.assertContains(response, "This link is not valid", status_code=404)
            self.assertNotContains(response, "Check my words", status_code=404)

    def test_approval_page_query_count_is_fixed(self):
        approval = create_approval_request(self.draft, self.editor, self.expert)
        for _ in range(10):
            Block.objects.create(interview=self.draft, kind="answer", text="More.")
        with self.assertNumQueries(4):
            self.client.get(self.link(approval))


class RevisionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS], username="desk")

    def setUp(self):
        self.client.force_login(self.editor)
        self.interview = make_draft(
            title="First title", blocks=[("answer", "Original answer.")], tags=["Water"]
        )

    def save(self, **changes):
        response = self.client.post(
            change_url(self.interview), edit_form(self.client, self.interview, **changes)
        )
        self.assertEqual(response.status_code, 302, response.context and response.context.get("errors"))

    def test_every_save_keeps_a_revision_with_blocks_experts_and_tags(self):
        self.save(title="Second title", **{"blocks-0-text": "<p>Edited answer.</p>"})
        version = Version.objects.get_for_object(self.interview).first()
        models = {v._model.__name__ for v in version.revision.version_set.all()}
        self.assertEqual(models, {"Interview", "Block", "TaggedInterview"})

    def test_history_lists_who_and_when_and_shows_a_readable_diff(self):
        self.save(title="Second title", **{"blocks-0-text": "<p>Edited answer.</p>"})
        self.save(title="Third title")
        history = self.client.get(reverse("admin:interviews_interview_history", args=[self.interview.pk]))
        self.assertContains(history, "<td>desk</td>", count=2)
        latest = Version.objects.get_for_object(self.interview).order_by("-pk").first()
        diff = self.client.get(
            reverse("admin:interviews_interview_compare", args=[self.interview.pk, latest.pk])
        )
        self.assertContains(diff, "Title: <del>Second</del> <ins>Third</ins> title", html=False)
        first = Version.objects.get_for_object(self.interview).order_by("pk").first()
        diff = self.client.get(
            reverse("admin:interviews_interview_compare", args=[self.interview.pk, first.pk])
        )
        self.assertContains(diff, "<ins>Answer: Edited answer.</ins>")

    def test_restoring_makes_a_new_revision_and_keeps_status(self):
        self.save(title="Second title")
        self.save(title="Third title", **{"blocks-0-text": "<p>Edited answer.</p>"})
        first = Version.objects.get_for_object(self.interview).order_by("pk").first()
        Interview.objects.filter(pk=self.interview.pk).update(status=Status.REVIEW)
        url = reverse("admin:interviews_interview_revision", args=[self.interview.pk, first.pk])
        form = self.client.get(url)
        self.assertContains(form, "Second title")
        self.assertContains(form, "Original answer.")
        # Exactly what the revision page sends when the editor presses Save.
        data = form_data(form, self.interview)
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.context and response.context.get("errors"))
        self.interview.refresh_from_db()
        self.assertEqual(self.interview.title, "Second title")
        self.assertEqual(self.interview.status, Status.REVIEW)
        self.assertEqual(Version.objects.get_for_object(self.interview).count(), 3)


class LostUpdateTests(TestCase):
    """Two people open the same interview; the second, stale save is refused."""

    @classmethod
    def setUpTestData(cls):
        cls.first = make_user(groups=[EDITORS], first_name="Aida", last_name="Sultan")
        cls.second = make_user(groups=[EDITORS])

    def setUp(self):
        self.interview = make_draft(title="Shared", blocks=[("answer", "Start.")], experts=[make_expert()])
        self.alice, self.bob = Client(), Client()
        self.alice.force_login(self.first)
        self.bob.force_login(self.second)

    def test_stale_form_is_refused_and_both_edits_survive_where_they_belong(self):
        alice_form = edit_form(self.alice, self.interview, title="Alice's title")
        bob_form = edit_form(
            self.bob, self.interview, title="Bob's title", **{"blocks-0-text": "Bob's answer."}
        )
        self.assertEqual(self.alice.post(change_url(self.interview), alice_form).status_code, 302)
        response = self.bob.post(change_url(self.interview), bob_form)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Aida Sultan changed this interview on")
        self.assertContains(response, "Bob&#x27;s title")
        self.assertContains(response, "Bob&#x27;s answer.")
        self.interview.refresh_from_db()
        self.assertEqual(self.interview.title, "Alice's title")
        self.assertEqual(self.interview.blocks.get().text, "<p>Start.</p>")

    def test_stale_change_to_blocks_alone_is_refused_too(self):
        alice_form = edit_form(self.alice, self.interview, **{"blocks-0-text": "Alice's answer."})
        bob_form = edit_form(self.bob, self.interview, **{"blocks-0-text": "Bob's answer."})
        self.alice.post(change_url(self.interview), alice_form)
        self.assertEqual(self.bob.post(change_url(self.interview), bob_form).status_code, 200)
        self.assertEqual(self.interview.blocks.get().text, "<p>Alice's answer.</p>")

    def test_status_move_after_opening_also_makes_the_form_stale(self):
        bob_form = edit_form(self.bob, self.interview, title="Bob's title")
        self.alice.post(transition_url(self.interview, "publish"))
        self.assertEqual(self.bob.post(change_url(self.interview), bob_form).status_code, 200)
        self.interview.refresh_from_db()
        self.assertEqual((self.interview.title, self.interview.status), ("Shared", Status.PUBLISHED))

    def test_applied_reader_correction_makes_open_forms_stale(self):
        from cms.reports.models import ErrorReport

        Block.objects.filter(interview=self.interview).update(text="<p>Teh start.</p>")
        bob_form = edit_form(self.bob, self.interview, title="Bob's title")
        report = ErrorReport.objects.create(
            interview=self.interview,
            selection="Teh",
            context_after=" start.",
            suggestion="The",
            client_hash="x",
        )
        report.plan_correction().apply()
        self.assertEqual(self.bob.post(change_url(self.interview), bob_form).status_code, 200)
        self.assertEqual(self.interview.blocks.get().text, "<p>The start.</p>")

    def test_publishing_partner_material_without_its_source_is_refused(self):
        partner = make_draft(title="Borrowed")
        Interview.objects.filter(pk=partner.pk).update(origin=Interview.Origin.PARTNER)
        response = self.alice.post(transition_url(partner, "publish"))
        self.assertContains(response, "Partner material needs the source")
        partner.refresh_from_db()
        self.assertEqual(partner.status, Status.DRAFT)

    def test_save_without_a_version_is_refused(self):
        form = edit_form(self.alice, self.interview, title="Hand made")
        del form["edit_version"]
        response = self.alice.post(change_url(self.interview), form)
        self.assertContains(response, "This form carries no version number")
        self.interview.refresh_from_db()
        self.assertEqual(self.interview.title, "Shared")

    def test_fresh_form_saves_and_moves_the_version_on(self):
        self.alice.post(change_url(self.interview), edit_form(self.alice, self.interview, title="One"))
        self.alice.post(change_url(self.interview), edit_form(self.alice, self.interview, title="Two"))
        self.interview.refresh_from_db()
        self.assertEqual((self.interview.title, self.interview.version), ("Two", 3))


class ImportOwnershipTests(TestCase):
    def test_imported_draft_belongs_to_its_importer_and_starts_its_history(self):
        from interviews.importer import create_draft
        from interviews.transcripts import parse_text

        author = make_user(groups=[AUTHORS])
        paragraphs = ["A title", "The lead.", "Q: First question?", "An answer.", "Q: Second?", "Another."]
        text = "\n\n".join(paragraphs)
        interview = create_draft(parse_text(text), user=author)
        self.assertEqual((interview.created_by, interview.status), (author, Status.DRAFT))
        version = Version.objects.get_for_object(interview).get()
        self.assertEqual(version.revision.user, author)
        self.client.force_login(author)
        self.assertContains(self.client.get(reverse("admin:interviews_interview_changelist")), "A title")
