import io
from datetime import timedelta
from pathlib import Path
from unittest import mock

import docx
import time_machine
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.test import Client, TestCase
from django.urls import reverse, reverse_lazy

from cms.roles.definitions import AUTHORS, EDITORS, EXPERT_STAFF
from interviews.admin_import import PAYLOAD_MAX_AGE
from interviews.models import Block, Expert, Interview, InterviewExpert
from interviews.transcripts import MAX_UPLOAD_BYTES
from tests.builders import make_draft, make_expert, make_interview, make_user

URL = reverse_lazy("admin:interviews_interview_import")
TRANSCRIPTS = Path(__file__).parent / "transcripts"
TITLE = "Aida Sultanova: Rivers do not stop at borders, and neither should water policy"
# A note repeats like a label; the question word is the interviewer's.
MISLABELLED = """How a small museum survived the winter

A museum on the coast kept its doors open through a hard season.

Boris Lind is the director of the Harbour Museum in Kotka.

Note: recorded in January.

Q: How many visitors came this winter?

Fewer than we hoped, but more than we feared.

Note: the heating failed twice.

Q: What kept the doors open?

Volunteers, mostly.
"""


def transcript(name="outlet_label.txt"):
    return (TRANSCRIPTS / name).read_text(encoding="utf-8")


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def build_docx(paragraphs):
    """Return .docx bytes; each paragraph is (text, bold)."""
    document = docx.Document()
    for text, bold in paragraphs:
        document.add_paragraph().add_run(text).bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def confirm(response, **fields):
    """Return the data for step 2, as the browser would send back the preview's form."""
    form = response.context["draft_form"]
    data = {name: form[name].value() or "" for name in form.fields if name != "import_anyway"}
    return {**data, "_create": "Create draft", **fields}


class ImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])

    def setUp(self):
        self.client.force_login(self.editor)

    def counts(self):
        return Interview.objects.count(), Expert.objects.count(), Block.objects.count()

    def assertRefused(self, data, message):
        """Assert the form comes back with the message and nothing is saved."""
        before = self.counts()
        response = self.client.post(URL, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        self.assertEqual(self.counts(), before)
        return response

    def preview(self, **data):
        response = self.client.post(URL, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "parsed", response.context, response.context.get("form") and response.context["form"].errors
        )
        return response


class ImportPageTests(ImportTestCase):
    def test_page_shows_the_form_with_fixed_queries(self):
        with self.assertNumQueries(4):
            response = self.client.get(URL)
        self.assertContains(response, 'enctype="multipart/form-data"')
        self.assertContains(response, "csrfmiddlewaretoken")
        self.assertContains(response, 'accept=".txt,.docx,.vtt,.srt"')
        self.assertContains(response, '<a href="/admin/interviews/interview/">Interviews</a>', html=True)
        self.assertNotContains(response, "style=")
        self.assertNotContains(response, "<script>")

    def test_pasted_text_is_previewed_without_saving(self):
        response = self.preview(text=transcript())
        self.assertContains(response, TITLE)
        self.assertContains(response, "Upstream and downstream countries")
        self.assertContains(response, "<strong>Aida Sultanova</strong>, a new expert")
        self.assertContains(response, "Aida Sultanova is a senior economist")
        self.assertContains(response, "“Meridian:”")
        self.assertContains(response, "3 questions, 3 answers")
        self.assertContains(response, "<li>Aida Sultanova — Photo: Meridian</li>", html=True)
        self.assertContains(response, "<li>of the treaty</li>", html=True)
        self.assertContains(response, "Why do the water agreements of the 1990s keep failing?")
        self.assertContains(response, "Create new expert “Aida Sultanova”")
        self.assertEqual(self.counts(), (0, 0, 0))

    def test_warnings_are_shown(self):
        response = self.preview(text=MISLABELLED)
        self.assertContains(response, "Check these")
        self.assertContains(
            response, "“Boris Lind” was taken as the expert from the paragraph introducing them"
        )

    def test_uploaded_txt_is_previewed(self):
        response = self.preview(file=upload("interview.txt", transcript().encode("cp1251", "replace")))
        self.assertContains(response, TITLE)
        self.assertContains(response, "read as Windows-1251")

    def test_uploaded_docx_is_previewed(self):
        data = build_docx(
            [
                ("Borders and bread", False),
                ("Trade across a closed border.", False),
                ("Dana Karim is an economist at the Trade Institute.", False),
                ("Why did the border close?", True),
                ("Because of a dispute. Karim says it lasted a year.", False),
                ("Who lost most?", True),
                ("Small traders.", False),
            ]
        )
        response = self.preview(file=upload("interview.docx", data))
        self.assertContains(response, "Borders and bread")
        self.assertContains(response, "<strong>Dana Karim</strong>, a new expert")
        self.assertContains(response, "2 questions, 2 answers")
        self.assertContains(response, "questions were taken from bold paragraphs")

    def test_create_draft_lands_on_its_change_page(self):
        response = self.client.post(URL, confirm(self.preview(text=transcript())), follow=True)
        interview = Interview.objects.get()
        self.assertRedirects(response, reverse("admin:interviews_interview_change", args=[interview.pk]))
        self.assertContains(response, "was created")
        self.assertEqual(interview.title, TITLE)
        self.assertEqual(interview.status, Interview.Status.DRAFT)
        self.assertIsNone(interview.publish_at)
        self.assertEqual(interview.interviewer_label, "Meridian")
        self.assertEqual(
            list(interview.blocks.values_list("kind", flat=True)),
            ["question", "answer", "image", "answer", "question", "answer", "question", "answer"],
        )
        credit = InterviewExpert.objects.get(interview=interview)
        self.assertEqual(credit.expert.name, "Aida Sultanova")
        self.assertTrue(credit.expert.short_bio.startswith("Aida Sultanova is a senior economist"))

    def test_uploaded_docx_becomes_a_draft(self):
        data = build_docx([("Title", False), ("Lead.", False), ("Q: One?", False), ("Yes.", False)])
        response = self.preview(file=upload("interview.docx", data))
        self.assertContains(response, "No expert was found")
        expert = make_expert(name="Dana Karim")
        self.client.post(URL, confirm(response, expert=str(expert.pk)))
        self.assertEqual(Interview.objects.get().experts.get(), expert)

    def test_label_correction_changes_the_parse(self):
        response = self.preview(text=MISLABELLED)
        # "Q" is a question word, so it wins over the note repeated before it.
        self.assertEqual(response.context["parsed"].interviewer_label, "Q")
        self.assertContains(response, "2 questions, 2 answers")
        response = self.client.post(URL, confirm(response, label="Note"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["parsed"].interviewer_label, "Note")
        self.assertEqual(self.counts()[0], 0)
        response = self.client.post(URL, confirm(response, label="Q"))
        self.assertEqual(response.context["parsed"].interviewer_label, "Q")
        self.client.post(URL, confirm(response))
        interview = Interview.objects.get()
        self.assertEqual(interview.interviewer_label, "Q")
        questions = interview.blocks.filter(kind="question").values_list("text", flat=True)
        self.assertEqual(
            list(questions),
            ["<p>How many visitors came this winter?</p>", "<p>What kept the doors open?</p>"],
        )

    def test_label_that_finds_no_question_keeps_the_preview_and_says_why(self):
        response = self.preview(text=transcript())
        response = self.client.post(URL, confirm(response, label="Nope"))
        self.assertContains(response, "No question starting with “Nope:” was found")
        self.assertEqual(response.context["parsed"].interviewer_label, "Meridian")
        self.assertEqual(self.counts(), (0, 0, 0))

    def test_label_given_with_the_text_is_used(self):
        response = self.preview(text=MISLABELLED, label="Q:")
        self.assertEqual(response.context["parsed"].interviewer_label, "Q")

    def test_choosing_an_existing_expert_links_it_and_creates_none(self):
        other = make_expert(name="Someone Else")
        response = self.preview(text=transcript())
        self.client.post(URL, confirm(response, expert=str(other.pk)))
        self.assertEqual(Expert.objects.count(), 1)
        self.assertEqual(Interview.objects.get().experts.get(), other)

    def test_existing_expert_with_the_name_is_chosen_by_default(self):
        aida = make_expert(name="aida sultanova")
        response = self.preview(text=transcript())
        self.assertEqual(response.context["draft_form"]["expert"].value(), str(aida.pk))
        self.assertContains(response, "an existing expert")
        self.client.post(URL, confirm(response))
        self.assertEqual(Expert.objects.count(), 1)
        self.assertEqual(Interview.objects.get().experts.get(), aida)

    def test_failure_while_saving_leaves_nothing_behind(self):
        data = confirm(self.preview(text=transcript()))
        with (
            mock.patch("interviews.admin_import.create_draft", side_effect=DatabaseError),
            self.assertRaises(DatabaseError),
        ):
            self.client.post(URL, data)
        self.assertEqual(self.counts(), (0, 0, 0))


class BadInputTests(ImportTestCase):
    def test_empty_input(self):
        self.assertRefused({"text": "   \n"}, "There is nothing to import")

    def test_text_with_nothing_but_site_notices(self):
        self.assertRefused({"text": "All rights reserved."}, "The transcript is empty")

    def test_text_and_file_together(self):
        data = {"text": transcript(), "file": upload("a.txt", b"x")}
        self.assertRefused(data, "Paste the text or choose a file, not both.")

    def test_empty_file(self):
        self.assertRefused({"file": upload("a.txt", b"")}, "The submitted file is empty.")

    def test_binary_file(self):
        self.assertRefused({"file": upload("a.txt", bytes(range(256)) * 8)}, "does not look like text")

    def test_oversized_file(self):
        data = b"Q: why?\n" * (MAX_UPLOAD_BYTES // 8 + 1)
        self.assertRefused({"file": upload("a.txt", data)}, "The file is larger than 2 MB")

    def test_oversized_text(self):
        self.assertRefused(
            {"text": "Q: why?\n" * (MAX_UPLOAD_BYTES // 8 + 1)}, "The text is longer than 2 MB"
        )

    def test_unreadable_docx(self):
        data = {"file": upload("a.docx", b"PK\x03\x04 not really a zip")}
        self.assertRefused(data, "This .docx file could not be read")

    def test_other_file_type(self):
        self.assertRefused(
            {"file": upload("a.pdf", b"%PDF-1.4")}, "Only .txt, .docx, .vtt and .srt files can be imported"
        )

    def test_text_without_questions(self):
        self.assertRefused(
            {"text": "A title\n\nJust a paragraph.\n\nAnother one."}, "No questions were found"
        )

    def test_tampered_payload(self):
        data = confirm(self.preview(text=transcript()))
        data["payload"] = data["payload"].replace(":", "x:", 1)
        response = self.assertRefused(data, "was changed or damaged")
        self.assertNotIn("parsed", response.context)

    def test_payload_from_another_form_is_refused(self):
        data = confirm(self.preview(text=transcript()), payload="eyJ0ZXh0IjoiUTogaGk_In0:1abc:xyz")
        self.assertRefused(data, "was changed or damaged")

    def test_expired_payload(self):
        with time_machine.travel("2025-01-01 10:00", tick=False) as traveller:
            data = confirm(self.preview(text=transcript()))
            traveller.shift(timedelta(seconds=PAYLOAD_MAX_AGE + 1))
            self.assertRefused(data, "This preview is more than an hour old")


class ShapesPreviewTests(ImportTestCase):
    def test_two_experts_and_every_dropped_line_are_shown(self):
        response = self.preview(file=upload("border.txt", (TRANSCRIPTS / "two_experts.txt").read_bytes()))
        self.assertContains(response, "<strong>Marat Seitkali</strong>, a new expert")
        self.assertContains(response, "<strong>Elena Voss</strong>, a new expert")
        self.assertContains(response, "Role: Research fellow at the Institute for Regional Markets")
        self.assertContains(response, "Create new expert “Elena Voss”")
        self.assertContains(response, '<span class="import-kind">Answer (Elena Voss)</span>', html=True)
        for text, reason in [
            ("Read also: Why the grain corridor closed early", "before the title: a link to another article"),
            ("See also: Five crossings, five rules", "inside the article: a link to another article"),
        ]:
            self.assertContains(response, f"<q>{text}</q> — {reason}.")
        self.assertContains(response, 'name="keep_line" value="6"')

    def test_a_dropped_line_is_put_back_with_one_click_and_dropped_again(self):
        response = self.preview(text=transcript("two_experts.txt"))
        response = self.client.post(URL, {**confirm(response), "keep_line": "1"})
        parsed = response.context["parsed"]
        self.assertTrue(parsed.lead.startswith("Read also: Why the grain corridor closed early"))
        self.assertContains(response, 'name="drop_line" value="0"')
        self.client.post(URL, confirm(response))
        self.assertTrue(Interview.objects.get().lead.startswith("Read also:"))
        response = self.client.post(URL, {**confirm(response), "drop_line": "0"})
        self.assertFalse(response.context["parsed"].lead.startswith("Read also"))

    def test_a_button_value_that_names_no_line_changes_nothing(self):
        response = self.preview(text=transcript("two_experts.txt"))
        for value in ("99", "-1", "x", "²", "9" * 40):
            again = self.client.post(URL, {**confirm(response), "keep_line": value})
            self.assertEqual(len(again.context["parsed"].dropped), 7)

    def test_two_experts_are_created_with_their_speakers(self):
        response = self.preview(text=transcript("two_experts.txt"))
        self.client.post(URL, confirm(response))
        interview = Interview.objects.get()
        self.assertEqual(
            list(interview.interview_experts.values_list("expert__name", flat=True)),
            ["Marat Seitkali", "Elena Voss"],
        )
        self.assertEqual(interview.blocks.filter(kind="answer", speaker__name="Elena Voss").count(), 3)

    def test_unnamed_speakers_are_named_by_the_editor(self):
        response = self.preview(file=upload("pilots.vtt", (TRANSCRIPTS / "speakers.vtt").read_bytes()))
        self.assertContains(response, "the transcript gives no name; name them below")
        self.assertEqual(response.context["draft_form"]["expert"].value(), "")
        existing = make_expert(name="Vera Lotts")
        data = confirm(response, expert="new", name="Ruslan Akhmed")
        self.assertRefused({**data, "expert_2": "new", "name_2": ""}, "Type this speaker&#x27;s name")
        self.client.post(URL, {**data, "expert_2": str(existing.pk)})
        interview = Interview.objects.get()
        self.assertEqual(
            list(interview.experts.order_by("interview_roles__order").values_list("name", flat=True)),
            ["Ruslan Akhmed", "Vera Lotts"],
        )
        self.assertEqual(interview.blocks.filter(kind="answer", speaker=existing).count(), 2)

    def test_partner_material_is_shown_before_import(self):
        response = self.preview(text=transcript("partner_rights.txt"))
        self.assertContains(
            response, "Partner material first published by <strong>Northern Lights Media</strong>"
        )
        self.client.post(URL, confirm(response))
        self.assertEqual(Interview.objects.get().origin, Interview.Origin.PARTNER)


class DuplicateTests(ImportTestCase):
    def setUp(self):
        super().setUp()
        self.existing = make_draft(title=TITLE)

    def test_duplicate_is_flagged_with_a_link(self):
        response = self.preview(text=transcript())
        change = reverse("admin:interviews_interview_change", args=[self.existing.pk])
        self.assertContains(response, "An interview with this title already exists")
        self.assertContains(response, f'<a href="{change}">{TITLE}</a>', html=True)
        self.assertContains(response, "Import anyway")

    def test_duplicate_needs_import_anyway(self):
        data = confirm(self.preview(text=transcript()))
        self.assertRefused(data, "Tick “Import anyway” to create a second draft")
        self.client.post(URL, {**data, "import_anyway": "on"})
        self.assertEqual(Interview.objects.filter(title=TITLE).count(), 2)
        self.assertEqual(Interview.objects.exclude(pk=self.existing.pk).get().status, Interview.Status.DRAFT)


class AuthorDuplicateTests(ImportTestCase):
    """An author's preview names only interviews that author may open."""

    def setUp(self):
        self.author = make_user(groups=[AUTHORS])
        self.client.force_login(self.author)

    def test_someone_elses_interview_with_the_title_is_not_shown(self):
        others = make_interview(title=TITLE, created_by=self.editor)
        response = self.preview(text=transcript())
        self.assertNotContains(response, "already exists")
        self.assertNotContains(response, reverse("admin:interviews_interview_change", args=[others.pk]))
        self.assertNotContains(response, "(published)")
        # Nothing to tick: the author imports as if the title were new.
        self.client.post(URL, confirm(response, expert=str(make_expert().pk)))
        self.assertEqual(Interview.objects.filter(title=TITLE, created_by=self.author).count(), 1)

    def test_own_interview_with_the_title_is_flagged(self):
        own = make_draft(title=TITLE, created_by=self.author)
        response = self.preview(text=transcript())
        self.assertContains(response, "An interview with this title already exists")
        self.assertContains(response, reverse("admin:interviews_interview_change", args=[own.pk]))


class PermissionTests(TestCase):
    def test_anonymous_visitor_is_sent_to_login(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])

    def test_expert_staff_may_not_import(self):
        self.client.force_login(make_user(groups=[EXPERT_STAFF]))
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.assertEqual(self.client.post(URL, {"text": transcript()}).status_code, 403)
        self.assertFalse(Interview.objects.exists())

    def test_user_who_may_not_add_experts_must_pick_an_existing_one(self):
        user = make_user()
        codenames = [
            "add_interview",
            "view_interview",
            "change_interview",
            "add_block",
            "add_interviewexpert",
        ]
        user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
        expert = make_expert(name="Someone Else")
        self.client.force_login(user)
        response = self.client.post(URL, {"text": transcript()})
        self.assertNotContains(response, "Create new expert")
        self.assertContains(response, "you may not add experts")
        self.assertEqual(self.client.post(URL, confirm(response, expert="new")).status_code, 403)
        self.client.post(URL, confirm(response, expert=str(expert.pk)))
        self.assertEqual(Interview.objects.get().experts.get(), expert)
        self.assertEqual(Expert.objects.count(), 1)

    def test_post_without_csrf_token_is_refused(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(make_user(groups=[EDITORS]))
        self.assertEqual(client.post(URL, {"text": transcript()}).status_code, 403)

    def test_changelist_offers_import_to_editors_only(self):
        changelist = reverse("admin:interviews_interview_changelist")
        button = f'<a href="{URL}" class="addlink">Import transcript</a>'
        self.client.force_login(make_user(groups=[EDITORS]))
        self.assertContains(self.client.get(changelist), button, html=True)
        reader = make_user()
        reader.user_permissions.set(Permission.objects.filter(codename="view_interview"))
        self.client.force_login(reader)
        self.assertNotContains(self.client.get(changelist), "Import transcript")
