"""The block editor's server side: what the rich-text editor sends is kept as it is, anything
else is cleaned on save, and an answer's speaker is one of the interview's experts."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from cms.roles.definitions import EDITORS, EXPERT_STAFF
from interviews.forms import BlockForm, InterviewAdminForm
from interviews.models import Block
from interviews.text import sanitise_html
from tests.builders import make_expert, make_interview, make_user
from tests.test_save_queries import transcript

# What the editor (ProseMirror with the schema in editor-text.js) writes into the textarea.
EDITOR_HTML = (
    "<p>Plain, <strong>bold</strong>, <em>italic</em>, <strong><em>both</em></strong>,<br>a "
    '<a href="https://example.org/a?b=1" rel="noopener noreferrer">link</a>, '
    '<a href="mailto:desk@example.org" rel="noopener noreferrer">mail</a> and {an insertion}.</p>'
    "<ul><li><p>one</p></li><li><p>two</p></li></ul>"
    "<ol><li><p>first</p></li></ol>"
)


class EditorMarkupTests(TestCase):
    def test_what_the_editor_writes_is_kept_as_it_is(self):
        self.assertEqual(sanitise_html(EDITOR_HTML), EDITOR_HTML)

    def test_a_link_the_editor_writes_without_rel_gets_it(self):
        self.assertEqual(
            sanitise_html('<p><a href="https://example.org">x</a></p>'),
            '<p><a href="https://example.org" rel="noopener noreferrer">x</a></p>',
        )

    def test_links_other_than_http_https_and_mailto_lose_their_address(self):
        for href in ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/", "tel:+1"]:
            with self.subTest(href=href):
                self.assertNotIn(href, sanitise_html(f'<p><a href="{href}">x</a></p>'))

    def test_word_markup_that_reaches_the_server_is_reduced_to_the_subset(self):
        word = (
            '<p class="MsoNormal" style="mso-margin-top-alt:auto"><b><span style="font-size:12pt;'
            'mso-bidi-font-family:Calibri">Bold</span></b> and <i>italic</i><o:p></o:p></p>'
            '<table><tr><td>cell</td></tr></table><h1 style="color:red">Heading</h1><script>x()</script>'
        )
        clean = sanitise_html(word)
        self.assertEqual(clean, "<p><b>Bold</b> and <i>italic</i></p>cellHeading")
        for gone in ["style", "class", "mso", "o:p", "table", "h1", "script"]:
            self.assertNotIn(gone, clean)

    def test_a_saved_block_keeps_the_editor_markup(self):
        interview = make_interview(blocks=[])
        block = Block.objects.create(interview=interview, kind="answer", text=EDITOR_HTML)
        block.refresh_from_db()
        self.assertEqual(block.text, EDITOR_HTML)

    def test_the_text_field_is_a_rich_text_editor_with_its_assets(self):
        form = BlockForm()
        self.assertIn("data-rich-text", str(form["text"]))
        media = str(form.media)
        self.assertIn("interviews/admin/editor-text.js", media)
        self.assertIn('type="module"', media)
        self.assertIn("django_prose_editor/editor.css", media)
        # No inline import map: the CSP allows no inline script without a nonce.
        self.assertNotIn("importmap", media)


class SpeakerFieldTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = make_user(superuser=True)
        cls.first = make_expert(name="Aida Sultan")
        cls.second = make_expert(name="Bolot Asanov")
        cls.stranger = make_expert(name="Not In It")
        cls.interview = make_interview(
            experts=[cls.first, cls.second],
            blocks=[("question", "Why?"), ("answer", "Because."), ("answer", "Indeed.")],
        )
        Block.objects.filter(interview=cls.interview, text__contains="Indeed").update(speaker=cls.second)

    def block_forms(self):
        self.client.force_login(self.user)
        response = self.client.get(f"/admin/interviews/interview/{self.interview.pk}/change/")
        self.assertEqual(response.status_code, 200)
        formsets = response.context["inline_admin_formsets"]
        return next(inline.formset for inline in formsets if inline.formset.prefix == "blocks")

    def test_the_choices_are_the_interviews_experts_first_the_first(self):
        formset = self.block_forms()
        for form in [*formset.forms, formset.empty_form]:
            choices = [(str(value), label) for value, label in form.fields["speaker"].choices]
            self.assertEqual(
                choices,
                [
                    ("", "---------"),
                    (str(self.first.pk), "Aida Sultan"),
                    (str(self.second.pk), "Bolot Asanov"),
                ],
            )

    def test_an_answer_without_a_speaker_shows_the_first_expert_and_a_new_block_too(self):
        formset = self.block_forms()
        question, answer, second_answer = formset.forms
        self.assertEqual(answer["speaker"].value(), self.first.pk)
        self.assertEqual(second_answer["speaker"].value(), self.second.pk)
        self.assertIsNone(question["speaker"].value())
        self.assertEqual(formset.empty_form["speaker"].value(), self.first.pk)

    def test_the_select_is_plain_and_lists_no_one_else(self):
        formset = self.block_forms()
        html = str(formset.forms[1]["speaker"])
        self.assertIn("Bolot Asanov", html)
        self.assertNotIn("Not In It", html)
        self.assertNotIn("related-widget-wrapper", html)

    def test_an_expert_of_another_interview_is_refused(self):
        self.client.force_login(self.user)
        formset = self.block_forms()
        form_class = type(formset.forms[0])
        block = self.interview.blocks.get(text__contains="Because")
        data = {"kind": "answer", "order": "1", "text": "<p>Because.</p>", "speaker": str(self.stranger.pk)}
        form = form_class(data, instance=block)
        self.assertFalse(form.is_valid())
        self.assertIn("speaker", form.errors)

    def test_the_block_forms_do_not_query_the_experts_once_each(self):
        self.client.force_login(self.user)
        url = f"/admin/interviews/interview/{self.interview.pk}/change/"
        self.client.get(url)  # warm the caches the page fills once

        def queries():
            with CaptureQueriesContext(connection) as captured:
                self.client.get(url)
            return len(captured)

        few = queries()
        for n in range(20):
            Block.objects.create(interview=self.interview, kind="answer", text=f"More {n}.", order=10 + n)
        self.assertEqual(queries(), few)


class ChangePageQueryTests(TestCase):
    """The change page an Editor opens costs the same queries however many blocks it shows."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])
        cls.experts = [make_expert(name="Aida Sultan"), make_expert(name="Bolot Asanov")]

    def page_queries(self, count):
        interview = make_interview(experts=self.experts, tags=[], blocks=transcript(count))
        interview.blocks.filter(kind="answer", order__gt=count // 2).update(speaker=self.experts[1])
        self.client.force_login(self.editor)
        url = f"/admin/interviews/interview/{interview.pk}/change/"
        self.client.get(url)  # warm the caches the page fills once
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'name="blocks-TOTAL_FORMS" value="{count}"')
        return len(captured)

    def test_the_change_page_costs_the_same_for_30_blocks_as_for_60(self):
        self.assertEqual(self.page_queries(30), self.page_queries(60))


class TitleFieldTests(TestCase):
    def test_a_title_typed_over_two_lines_is_saved_on_one(self):
        form = InterviewAdminForm(data={"title": "  The old water\nbargain  "})
        form.is_valid()
        self.assertEqual(form.cleaned_data["title"], "The old water bargain")


class ExpertBioEditorTests(TestCase):
    """Staff keep experts' full bios with the same editor: no HTML to type there either."""

    @classmethod
    def setUpTestData(cls):
        cls.staff = make_user(groups=[EXPERT_STAFF])
        cls.expert = make_expert(name="Aida Sultan")

    def test_the_full_bio_and_its_translations_are_rich_text_and_the_short_bio_is_plain(self):
        for user in (self.staff, make_user(superuser=True)):
            self.client.force_login(user)
            page = self.client.get(f"/admin/interviews/expert/{self.expert.pk}/change/").content.decode()
            self.assertRegex(page, r'<textarea name="bio"[^>]*data-rich-text')
            self.assertNotRegex(page, r'<textarea name="short_bio"[^>]*data-rich-text')
            self.assertIn("interviews/admin/editor-text.js", page)
        # The translations' inline, which a superuser sees here.
        self.assertRegex(page, r'<textarea name="translations-__prefix__-bio"[^>]*data-rich-text')

    def test_what_the_editor_writes_in_a_bio_is_kept_and_anything_else_removed(self):
        self.client.force_login(self.staff)
        self.expert.bio = "<p>Works on <strong>water</strong>.</p><script>alert(1)</script>"
        self.expert.save()
        self.expert.refresh_from_db()
        self.assertEqual(self.expert.bio, "<p>Works on <strong>water</strong>.</p>")

    def test_expert_staff_keep_an_experts_name_and_bio_in_another_language(self):
        self.client.force_login(self.staff)
        url = f"/admin/interviews/expert/{self.expert.pk}/change/"
        page = self.client.get(url).content.decode()
        self.assertRegex(page, r'<textarea name="translations-__prefix__-bio"[^>]*data-rich-text')
        data = {
            "name": self.expert.name,
            "slug": self.expert.slug,
            "position": self.expert.position,
            "affiliation": self.expert.affiliation,
            "short_bio": self.expert.short_bio,
            "bio": "",
            "photo_credit": "",
            "translations-TOTAL_FORMS": "1",
            "translations-INITIAL_FORMS": "0",
            "translations-0-language": "ru",
            "translations-0-name": "Аида Султан",
            "translations-0-bio": "<p>Изучает реки.</p>",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        }
        response = self.client.post(url, data)
        self.assertEqual(
            response.status_code, 302, getattr(response, "context", None) and response.context.get("errors")
        )
        translation = self.expert.translations.get(language="ru")
        self.assertEqual((translation.name, translation.bio), ("Аида Султан", "<p>Изучает реки.</p>"))
