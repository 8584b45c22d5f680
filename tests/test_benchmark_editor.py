"""The benchmark's editor (benchmarks/editor.py): it posts the change form as a browser sends it,
and what it makes for the measurement is removed afterwards."""

import contextlib
import io
import json

from django.contrib.auth import get_user_model
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from benchmarks.editor import BLOCKS, CHANGED_FIELD, SLUG_PREFIX, browser_form, multipart, prepare, remove
from cms.roles.definitions import EDITORS
from interviews.models import Block, Interview
from tests.builders import make_expert, make_interview, make_user

FORM = """
<form id="interview_form" method="post" enctype="multipart/form-data">
  <input name="title" value="A &amp; B"><input name="empty"><input value="nameless">
  <input type="checkbox" name="ticked" value="x" checked><input type="checkbox" name="unticked">
  <input type="checkbox" name="bare" checked>
  <input type="submit" name="_continue" value="Save and continue"><button name="_transition">Go</button>
  <input type="file" name="cover"><input name="off" value="1" disabled>
  <textarea name="lead">
first line
second &lt;line&gt;</textarea>
  <select name="language"><option value="en">English</option><option value="ru">Russian</option></select>
  <select name="speaker"><option value="">---</option><option value="7" selected>Aida</option></select>
  <select name="tags" multiple><option value="1" selected>One</option><option>Two</option>
    <option selected> Three </option></select>
  <select name="expert" form="approval-new"><option value="3">Another form's</option></select>
</form>
<input name="version" form="interview_form" value="4"><input name="elsewhere" value="no">
"""


class BrowserFormTests(SimpleTestCase):
    def test_the_form_is_read_as_a_browser_submits_it_on_save(self):
        self.assertEqual(
            browser_form(FORM),
            {
                "title": "A & B",
                "empty": "",
                "ticked": "x",
                "bare": "on",
                "cover": None,
                "lead": "first line\r\nsecond <line>",
                "language": "en",
                "speaker": "7",
                "tags": ["1", "Three"],
                "version": "4",
                "_save": "Save",
            },
        )

    def test_the_body_is_multipart_with_empty_file_parts(self):
        body, content_type = multipart({"a": "1", "many": ["x", "y"], "cover": None})
        boundary = content_type.split("boundary=")[1]
        self.assertTrue(content_type.startswith("multipart/form-data; boundary="))
        self.assertEqual(body.count(f"--{boundary}\r\n".encode()), 4)
        self.assertIn(b'name="cover"; filename=""', body)
        self.assertTrue(body.endswith(f"--{boundary}--\r\n".encode()))


class EditorMeasurementTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])
        cls.expert = make_expert(name="Aida Sultan")
        cls.interview = make_interview(
            experts=[cls.expert],
            blocks=[("question", "Why?"), ("answer", "<p>Because.</p>"), ("answer", "Indeed.")],
        )

    def test_the_form_a_browser_sends_saves_one_changed_block(self):
        self.client.force_login(self.editor)
        before = list(self.interview.blocks.values_list("text", flat=True))
        url = reverse("admin:interviews_interview_change", args=[self.interview.pk])
        data = browser_form(self.client.get(url).content.decode())
        body, content_type = multipart({**data, CHANGED_FIELD: "<p>Changed.</p>"})
        response = self.client.post(url, body, content_type=content_type)
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        texts = list(self.interview.blocks.values_list("text", flat=True))
        self.assertEqual(texts, [before[0], "<p>Changed.</p>", before[2]])

    def test_prepare_makes_a_30_block_draft_and_counts_and_remove_takes_it_away(self):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            prepare()
        figures = json.loads(printed.getvalue())
        copy = Interview.objects.get(slug__startswith=SLUG_PREFIX)
        self.assertEqual(figures["blocks"], BLOCKS)
        self.assertEqual(copy.status, Interview.Status.DRAFT)
        self.assertEqual(list(copy.experts.all()), [self.expert])
        answers = copy.blocks.filter(kind=Block.Kind.ANSWER)
        self.assertEqual(set(answers.values_list("speaker", flat=True)), {self.expert.pk})
        self.assertIn("grain prices", copy.blocks.get(order=1).text)
        self.assertGreater(figures["page_queries"], 0)
        self.assertGreater(figures["save_queries"], 0)
        remove()
        self.assertFalse(Interview.objects.filter(slug__startswith=SLUG_PREFIX).exists())
        self.assertFalse(get_user_model().objects.filter(username="benchmark-editor").exists())
        self.assertEqual(self.interview.blocks.count(), 3)
