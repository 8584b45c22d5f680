"""The interview's block editor in a real Chromium: rich text, blocks by kind, reordering,
pasting from Word, the layout at 1,366 px, accessibility and the Content-Security-Policy."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from interviews.models import Block, Interview
from tests.browser.base import BrowserTestCase
from tests.browser.test_csp import RECORD_VIOLATIONS
from tests.browser.test_reader_layout import AXE
from tests.builders import make_expert, make_interview, make_user

pytestmark = pytest.mark.browser

# A paragraph as Word puts it on the clipboard.
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head><style>p.MsoNormal{mso-style-parent:"";}</style>
</head><body lang=EN-GB style='tab-interval:36.0pt'><!--StartFragment-->
<p class=MsoNormal style='mso-margin-top-alt:auto;mso-margin-bottom-alt:auto'><b><span
style='font-size:12.0pt;font-family:"Calibri",sans-serif;mso-bidi-font-weight:normal'>Water</span></b><span
style='mso-spacerun:yes'> </span>is <i style='mso-bidi-font-style:normal'>scarce</i>, see <a
href="https://example.org/report" style='color:#0563C1;mso-themecolor:hyperlink'
>the report</a>.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><span
style='font-family:Symbol'>·</span> <span style='color:red'>Second</span> paragraph<o:p></o:p></p>
<!--EndFragment--></body></html>"""

# The same from Google Docs: everything inside a <b> that is not bold, styles on spans.
GOOGLE_DOCS_HTML = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c">'
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;'
    'font-family:Arial;font-weight:700;">Water</span>'
    '<span style="font-size:11pt;font-family:Arial;"> is </span>'
    '<span style="font-size:11pt;font-style:italic;">scarce</span></p>'
    '<ul style="margin-top:0;"><li dir="ltr" style="list-style-type:disc;"><p dir="ltr" role="presentation">'
    '<span style="font-size:11pt;">one point</span></p></li></ul></b>'
)

PASTE = """([selector, html]) => {
    const target = document.querySelector(selector);
    target.focus();
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", "Water is scarce");
    target.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


class EditorPageMixin:
    viewport = {"width": 1366, "height": 900}

    def setUp(self):
        super().setUp()
        self.page.add_init_script(RECORD_VIOLATIONS)
        self.user = make_user(username="desk", superuser=True)

    def log_in(self):
        self.page.goto(self.live_server_url + "/admin/login/")
        self.page.get_by_label("Username").fill("desk")
        self.page.get_by_label("Password").fill("a-long-test-password")
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_url("**/admin/")

    def open_editor(self, interview):
        self.page.goto(self.live_server_url + f"/admin/interviews/interview/{interview.pk}/change/")
        self.page.locator("#blocks-group.blocks-enhanced .ProseMirror").first.wait_for()
        return self.page

    def block(self, n):
        """The nth block on screen (0-based)."""
        return self.page.locator("#blocks-group .block-form:not(.empty-form)").nth(n)

    def save(self):
        self.page.locator("input[name=_continue]").click()
        self.page.locator(".messagelist .success, .errornote").first.wait_for()
        errors = self.page.locator(".errornote, .errorlist").all_inner_texts()
        self.assertEqual(errors, [])

    def assertNoViolations(self):
        self.assertEqual(self.page.evaluate("window.cspViolations"), [])
        self.assertEqual(self.console_errors, [])


class BlockEditorTests(EditorPageMixin, BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.aida = make_expert(name="Aida Sultan")
        self.bolot = make_expert(name="Bolot Asanov")
        self.interview = make_interview(
            experts=[self.aida, self.bolot],
            blocks=[
                ("question", "First question?"),
                ("answer", "First answer, {in 1992}."),
                ("question", "Second question?"),
                ("answer", "Second answer."),
            ],
        )
        self.log_in()

    def texts(self):
        return list(self.interview.blocks.order_by("order", "pk").values_list("text", flat=True))

    def test_bold_typed_with_the_keyboard_is_saved(self):
        page = self.open_editor(self.interview)
        editor = self.block(1).locator(".ProseMirror")
        editor.click()
        page.keyboard.press("End")
        page.keyboard.type(" Now ")
        page.keyboard.press("Control+b")
        page.keyboard.type("strongly")
        page.keyboard.press("Control+b")
        page.keyboard.press("Control+i")
        page.keyboard.type(" put")
        self.save()
        answer = self.interview.blocks.get(order=1)
        self.assertEqual(
            answer.text, "<p>First answer, {in 1992}. Now <strong>strongly</strong><em> put</em></p>"
        )
        self.assertNoViolations()

    def test_insertions_are_marked_while_editing(self):
        self.open_editor(self.interview)
        insertion = self.block(1).locator(".editor-insertion")
        self.assertEqual(insertion.inner_text(), "{in 1992}")

    def test_a_link_is_made_with_ctrl_k(self):
        page = self.open_editor(self.interview)
        self.block(3).locator(".ProseMirror p").dblclick(position={"x": 10, "y": 5})
        # The word is selected in the editor before the shortcut is pressed.
        page.wait_for_function("() => getSelection().toString().trim().length > 0")
        page.keyboard.press("Control+k")
        dialog = page.locator("dialog.prose-editor-dialog")
        dialog.wait_for(state="visible")
        dialog.get_by_label("URL").fill("https://example.org/answer")
        page.keyboard.press("Enter")
        dialog.wait_for(state="hidden")
        self.save()
        self.assertIn('<a href="https://example.org/answer"', self.interview.blocks.get(order=3).text)
        self.assertNoViolations()

    def test_blocks_move_by_keyboard_and_by_drag_and_the_order_is_saved(self):
        page = self.open_editor(self.interview)
        # The order numbers are not shown.
        self.assertEqual(page.locator("#blocks-group input[name$='-order']:visible").count(), 0)
        self.block(0).get_by_role("button", name="Move down").focus()
        page.keyboard.press("Enter")
        self.assertIn("First answer", self.block(0).inner_text())
        # Focus stays on the moved block's button, so pressing again keeps moving it.
        page.keyboard.press("Enter")
        self.assertIn("First question", self.block(2).inner_text())
        self.block(0).get_by_role("button", name="Move up").is_disabled()

        handle = self.block(3).locator(".block-form__handle")
        handle.drag_to(self.block(0).locator(".block-form__head"), target_position={"x": 200, "y": 2})
        self.assertIn("Second answer", self.block(0).inner_text())
        self.save()
        self.assertEqual(
            self.texts(),
            [
                "<p>Second answer.</p>",
                "<p>First answer, {in 1992}.</p>",
                "<p>Second question?</p>",
                "<p>First question?</p>",
            ],
        )
        self.assertNoViolations()

    def test_word_paste_is_saved_as_clean_markup(self):
        page = self.open_editor(self.interview)
        selector = f"#{self.block(3).get_attribute('id')} .ProseMirror"
        page.locator(selector).click()
        page.keyboard.press("Control+a")
        page.evaluate(PASTE, [selector, WORD_HTML])
        self.save()
        text = self.interview.blocks.get(order=3).text
        self.assertEqual(
            text,
            '<p><strong>Water</strong> is <em>scarce</em>, see <a href="https://example.org/report" '
            'rel="noopener noreferrer">the report</a>.</p><p>· Second paragraph</p>',
        )
        self.assertNoViolations()

    def test_google_docs_paste_is_saved_as_clean_markup(self):
        page = self.open_editor(self.interview)
        selector = f"#{self.block(3).get_attribute('id')} .ProseMirror"
        page.locator(selector).click()
        page.keyboard.press("Control+a")
        page.evaluate(PASTE, [selector, GOOGLE_DOCS_HTML])
        self.save()
        self.assertEqual(
            self.interview.blocks.get(order=3).text,
            "<p><strong>Water</strong> is <em>scarce</em></p><ul><li><p>one point</p></li></ul>",
        )
        self.assertNoViolations()

    def test_a_block_is_added_by_kind_between_two_and_deleting_it_can_be_undone(self):
        page = self.open_editor(self.interview)
        # Each block shows its kind's fields only.
        self.assertFalse(self.block(0).locator(".field-speaker").is_visible())
        self.assertTrue(self.block(1).locator(".field-speaker").is_visible())
        self.assertFalse(self.block(1).locator(".field-image").is_visible())
        self.assertEqual(self.block(1).get_by_label("Speaker").input_value(), str(self.aida.pk))

        self.block(2).get_by_role("button", name="Insert a block here").click()
        chooser = page.get_by_role("group", name="Kind of the new block")
        chooser.get_by_role("button", name="Answer").click()
        new = self.block(2)
        self.assertEqual(new.get_attribute("data-kind"), "answer")
        page.keyboard.type("An inserted answer.")
        new.get_by_label("Speaker").select_option(str(self.bolot.pk))

        page.get_by_role("button", name="Add a block").click()
        chooser.get_by_role("button", name="Image").click()
        self.assertTrue(self.block(5).locator(".field-image").is_visible())
        self.assertFalse(self.block(5).locator(".field-text").is_visible())
        self.block(5).get_by_role("button", name="Delete").click()

        self.block(0).get_by_role("button", name="Delete").click()
        self.assertTrue(self.block(0).get_by_role("button", name="Undo").is_visible())
        self.block(0).get_by_role("button", name="Undo").click()
        self.block(4).get_by_role("button", name="Delete").click()
        self.save()
        self.assertEqual(
            self.texts(),
            [
                "<p>First question?</p>",
                "<p>First answer, {in 1992}.</p>",
                "<p>An inserted answer.</p>",
                "<p>Second question?</p>",
            ],
        )
        self.assertEqual(self.interview.blocks.get(text__contains="inserted").speaker, self.bolot)
        self.assertNoViolations()

    def test_blocks_collapse_to_a_line_and_the_questions_are_listed_at_the_side(self):
        page = self.open_editor(self.interview)
        page.get_by_role("button", name="Collapse all").click()
        self.assertFalse(self.block(1).locator(".ProseMirror").is_visible())
        self.assertEqual(
            self.block(1).locator(".block-form__summary").inner_text(), "First answer, {in 1992}."
        )
        self.block(1).get_by_role("button", name="Expand", exact=True).click()
        self.assertTrue(self.block(1).locator(".ProseMirror").is_visible())
        self.assertEqual(
            self.block(1).get_by_role("button", name="Collapse", exact=True).get_attribute("aria-expanded"),
            "true",
        )
        questions = page.get_by_role("navigation", name="Questions")
        self.assertEqual(
            questions.get_by_role("link").all_inner_texts(), ["First question?", "Second question?"]
        )
        questions.get_by_role("link", name="Second question?").click()
        self.assertTrue(self.block(2).locator(".ProseMirror").is_visible())
        page.get_by_role("button", name="Expand all").click()
        self.assertTrue(self.block(0).locator(".ProseMirror").is_visible())

    def test_axe_finds_no_violations_on_the_change_page(self):
        page = self.open_editor(self.interview)
        page.evaluate(AXE)
        violations = page.evaluate("async () => (await axe.run()).violations")
        summary = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        self.maxDiff = None
        self.assertEqual(summary, [])


class EditorLayoutTests(EditorPageMixin, BrowserTestCase):
    """With the sample content, as an editor first sees it."""

    def setUp(self):
        super().setUp()
        call_command("load_sample_content", verbosity=0)
        self.largest = Interview.objects.annotate(n=Count("blocks")).order_by("-n").first()
        self.log_in()

    def test_no_sideways_scroll_at_1366_px_and_the_title_shows_whole(self):
        page = self.open_editor(self.largest)
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 1366)
        title = page.locator("#id_title")
        self.assertLessEqual(title.evaluate("t => t.scrollWidth - t.clientWidth"), 0)
        self.assertLessEqual(title.evaluate("t => t.scrollHeight - t.clientHeight"), 0)
        self.assertNoViolations()

    def test_the_editor_is_at_most_1_3_times_as_tall_as_the_public_page(self):
        page = self.open_editor(self.largest)
        editor_height = page.evaluate("document.documentElement.scrollHeight")
        self.assertGreaterEqual(self.largest.blocks.count(), 29)
        page.goto(self.live_server_url + self.largest.get_absolute_url())
        public_height = page.evaluate("document.documentElement.scrollHeight")
        print(f"editor {editor_height} px, public page {public_height} px")  # noqa: T201
        self.assertLessEqual(editor_height, 1.3 * public_height)
        self.assertTrue(Block.objects.filter(interview=self.largest).exists())
