import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

import docx
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import TestCase

from interviews.importer import create_draft, find_duplicate, find_expert
from interviews.models import Block, Expert, Interview, InterviewExpert
from interviews.transcripts import parse_text, read_upload
from tests.builders import make_draft, make_expert, make_interview

TRANSCRIPTS = Path(__file__).parent / "transcripts"


def parse(name, label=None):
    return parse_text((TRANSCRIPTS / name).read_text(encoding="utf-8"), label=label)


def read(name):
    return read_upload(name, (TRANSCRIPTS / name).read_bytes())


class CreateDraftTests(TestCase):
    def test_draft_is_created_with_expert_and_blocks_in_order(self):
        interview = create_draft(parse("outlet_label.txt"))
        self.assertEqual(interview.status, Interview.Status.DRAFT)
        self.assertIsNone(interview.publish_at)
        self.assertEqual(
            interview.title, "Aida Sultanova: Rivers do not stop at borders, and neither should water policy"
        )
        self.assertTrue(interview.lead.startswith("Upstream and downstream countries"))
        self.assertEqual(interview.interviewer_label, "Meridian")
        self.assertEqual(interview.language, "en")
        self.assertEqual(
            list(interview.blocks.values_list("kind", flat=True)),
            ["question", "answer", "image", "answer", "question", "answer", "question", "answer"],
        )
        credit = InterviewExpert.objects.get(interview=interview)
        self.assertEqual(credit.expert.name, "Aida Sultanova")
        self.assertTrue(credit.expert.short_bio.startswith("Aida Sultanova is a senior economist"))
        self.assertEqual(credit.role, "Senior economist at the Institute of Water Policy in Almaty")
        self.assertEqual(credit.bio, credit.expert.short_bio)

    def test_answer_paragraphs_are_stored_as_html_paragraphs(self):
        interview = create_draft(parse("outlet_label.txt"))
        answer = interview.blocks.filter(kind="answer").first()
        self.assertTrue(answer.text.startswith("<p>They were written for a different climate."))
        self.assertIn("</p><p>When the flow falls", answer.text)
        self.assertIn('<span class="insertion"', answer.html)

    def test_angle_brackets_in_the_transcript_stay_text(self):
        interview = create_draft(parse("outlet_label.txt"))
        block = interview.blocks.get(text__contains="smaller user")
        self.assertIn("if a &lt; b, the smaller user pays less", block.text)

    def test_photo_placeholder_keeps_caption_and_credit_without_a_file(self):
        interview = create_draft(parse("two_photos.txt"))
        images = interview.blocks.filter(kind=Block.Kind.IMAGE)
        self.assertEqual(
            [(block.caption, block.credit, bool(block.image)) for block in images],
            [
                ("Children in a tent classroom", "Photo: Nodira Karim", False),
                ("The new school site above the river", "Photo: Valley Relief Fund", False),
            ],
        )

    def test_questions_get_anchors(self):
        interview = create_draft(parse("q_and_a.txt"))
        anchors = list(interview.blocks.filter(kind="question").values_list("anchor", flat=True))
        self.assertEqual(anchors[0], "q-how-many-visitors-came-this-winter")
        self.assertEqual(len(set(anchors)), 3)

    def test_russian_transcript_is_stored_as_russian(self):
        interview = create_draft(parse("russian.txt"))
        self.assertEqual(interview.language, "ru")
        self.assertEqual(interview.slug, "гульнара-ахметова-город-растёт-быстрее-чем-его-транспорт")
        self.assertIn("«последнюю милю»", interview.blocks.first().text)
        self.assertEqual(interview.blocks.get(kind="image").credit, "Фото: Меридиан")

    def test_existing_expert_is_matched_ignoring_case_and_left_unchanged(self):
        expert = make_expert(name="Aida Sultanova", short_bio="Kept as it is.")
        interview = create_draft(parse("outlet_label.txt"))
        self.assertEqual(list(interview.experts.all()), [expert])
        self.assertEqual(Expert.objects.count(), 1)
        expert.refresh_from_db()
        self.assertEqual(expert.short_bio, "Kept as it is.")
        credit = interview.interview_experts.get()
        self.assertTrue(credit.bio.startswith("Aida Sultanova is a senior economist"))

    def test_expert_chosen_by_the_editor_wins(self):
        chosen = make_expert(name="Someone Else")
        interview = create_draft(parse("outlet_label.txt"), expert=chosen)
        self.assertEqual(list(interview.experts.all()), [chosen])
        self.assertFalse(Expert.objects.filter(name="Aida Sultanova").exists())

    def test_no_expert_is_created_when_the_editor_says_so(self):
        interview = create_draft(parse("outlet_label.txt"), create_expert=False)
        self.assertFalse(interview.experts.exists())
        self.assertFalse(Expert.objects.exists())

    def test_label_given_by_the_editor_is_stored(self):
        interview = create_draft(parse("outlet_label.txt"), label="Meridian Weekly")
        self.assertEqual(interview.interviewer_label, "Meridian Weekly")

    def test_failure_midway_saves_nothing(self):
        # The blocks are written, then the interview is saved again: fail at that last step.
        original_save = Interview.save
        calls = []

        def failing_save(interview, *args, **kwargs):
            calls.append(interview)
            if len(calls) == 2:
                raise RuntimeError("disk full")
            return original_save(interview, *args, **kwargs)

        with mock.patch.object(Interview, "save", failing_save), self.assertRaises(RuntimeError):
            create_draft(parse("outlet_label.txt"))
        self.assertEqual(len(calls), 2)
        self.assertFalse(Interview.objects.exists())
        self.assertFalse(Expert.objects.exists())
        self.assertFalse(Block.objects.exists())


class LookupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Boris Lind")
        cls.interview = make_draft(title="How a small museum survived the winter")

    def test_find_expert_ignores_case_and_spacing(self):
        self.assertEqual(find_expert("boris  LIND"), self.expert)
        self.assertIsNone(find_expert("Boris"))
        self.assertIsNone(find_expert(""))

    def test_same_title_in_another_case_is_a_duplicate(self):
        parsed = parse_text("HOW A SMALL MUSEUM SURVIVED THE WINTER\n\nQ: One?\n\nYes.")
        self.assertEqual(find_duplicate(parsed), self.interview)

    def test_same_slug_is_a_duplicate(self):
        parsed = parse_text("How a small museum survived the winter?\n\nQ: One?\n\nYes.")
        self.assertEqual(find_duplicate(parsed), self.interview)

    def test_new_title_is_not_a_duplicate(self):
        self.assertIsNone(find_duplicate(parse("outlet_label.txt")))

    def test_published_interview_counts_as_a_duplicate(self):
        published = make_interview(title="Mountain schools after the flood")
        self.assertEqual(find_duplicate(parse("two_photos.txt")), published)


class ImportCommandTests(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="transcripts-"))
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)

    def run_command(self, *args):
        out, err = io.StringIO(), io.StringIO()
        error = None
        try:
            call_command("import_transcripts", *map(str, args), stdout=out, stderr=err)
        except CommandError as raised:
            error = raised
        return out.getvalue(), err.getvalue(), error

    def test_folder_is_imported_in_name_order(self):
        shutil.copy(TRANSCRIPTS / "two_photos.txt", self.folder / "b.txt")
        shutil.copy(TRANSCRIPTS / "q_and_a.txt", self.folder / "a.txt")
        (self.folder / "notes.md").write_text("not a transcript")
        out, err, error = self.run_command(self.folder)
        self.assertIsNone(error)
        self.assertEqual(err, "")
        lines = out.splitlines()
        first = Interview.objects.get(title="How a small museum survived the winter")
        self.assertEqual(
            lines[0],
            f"created: {self.folder / 'a.txt'} -> How a small museum survived the winter "
            f"(/admin/interviews/interview/{first.pk}/change/)",
        )
        self.assertTrue(lines[1].startswith(f"created: {self.folder / 'b.txt'} -> Mountain schools"))
        self.assertEqual(Interview.objects.filter(status=Interview.Status.DRAFT).count(), 2)

    def test_second_import_is_skipped_as_duplicate(self):
        path = self.folder / "museum.txt"
        shutil.copy(TRANSCRIPTS / "q_and_a.txt", path)
        self.run_command(path)
        out, err, error = self.run_command(path)
        self.assertIsNone(error)
        self.assertEqual(out, f"skipped (duplicate): {path}\n")
        self.assertEqual(Interview.objects.count(), 1)

    def test_docx_file_is_imported(self):
        document = docx.Document()
        document.add_paragraph("Ferries and winter")
        for question, answer in [("Do they run?", "Most days."), ("And in storms?", "Never.")]:
            document.add_paragraph().add_run(question).bold = True
            document.add_paragraph(answer)
        document.save(self.folder / "ferries.docx")
        out, _, error = self.run_command(self.folder / "ferries.docx")
        self.assertIsNone(error)
        self.assertIn("-> Ferries and winter", out)
        interview = Interview.objects.get()
        self.assertEqual(interview.blocks.count(), 4)

    def test_failures_are_reported_and_exit_non_zero(self):
        good = self.folder / "good.txt"
        shutil.copy(TRANSCRIPTS / "name_prefixed.txt", good)
        empty = self.folder / "empty.txt"
        empty.write_bytes(b"")
        no_questions = self.folder / "essay.txt"
        no_questions.write_text("An essay\n\nWith no questions at all.")
        out, err, error = self.run_command(good, empty, no_questions, self.folder / "missing.txt")
        self.assertEqual(
            str(error), f"3 of 4 transcripts failed: {empty}, {no_questions}, {self.folder / 'missing.txt'}"
        )
        self.assertIn(f"created: {good} -> Daniyar Ospanov", out)
        self.assertEqual(
            err.splitlines(),
            [
                f"error: {empty}: The file is empty. Choose the file with the transcript text.",
                f"error: {no_questions}: No questions were found in 2 paragraphs: no label before "
                "questions (“Q:”, the outlet's name) is used more than once, no speaker asks questions, "
                "and none is bold. If the questions have a label, enter it in the label field and try again.",
                f"error: {self.folder / 'missing.txt'}: There is no such file.",
            ],
        )
        self.assertEqual(Interview.objects.count(), 1)

    def test_folder_without_transcripts_is_an_error(self):
        _, err, error = self.run_command(self.folder)
        self.assertIsNotNone(error)
        self.assertEqual(err, f"error: {self.folder}: This folder has no .txt, .docx, .vtt or .srt files.\n")

    def test_label_option_is_used_for_parsing(self):
        path = self.folder / "roads.txt"
        shutil.copy(TRANSCRIPTS / "name_prefixed.txt", path)
        _, _, error = self.run_command(path, "--label", "Steppe Review")
        self.assertIsNone(error)
        self.assertEqual(Interview.objects.get().interviewer_label, "Steppe Review")

    def test_wrong_label_option_fails(self):
        path = self.folder / "roads.txt"
        shutil.copy(TRANSCRIPTS / "name_prefixed.txt", path)
        _, err, error = self.run_command(path, "--label", "Meridian")
        self.assertIsNotNone(error)
        self.assertIn("No question starting with “Meridian:” was found", err)
        self.assertFalse(Interview.objects.exists())


def long_transcript(words):
    """Return a generated transcript of about `words` words: one expert, many questions."""
    vocabulary = [
        "the",
        "river",
        "carries",
        "silt",
        "and",
        "stories",
        "past",
        "the",
        "old",
        "town",
        "every",
        "spring",
        "when",
        "snow",
        "melts",
    ]
    parts = [
        "Anna Berg: rivers remember everything",
        "A long talk about rivers, towns and the people between them.",
        "Anna Berg is a hydrologist at the Delta Institute.",
    ]
    count, n = 0, 0
    while count < words:
        parts.append(f"Meridian: Why does the {vocabulary[n % 15]} matter so much this year?")
        for _ in range(3):
            sentence = " ".join(vocabulary[(n + k) % 15] for k in range(60))
            parts.append(sentence.capitalize() + ".")
            n += 1
        count += 190
    return "\n\n".join(parts)


class ShapesImportTests(TestCase):
    def test_two_experts_are_credited_in_order_and_answers_get_their_speaker(self):
        interview = create_draft(read("two_experts.txt"))
        credits = list(interview.interview_experts.select_related("expert"))
        self.assertEqual([c.expert.name for c in credits], ["Marat Seitkali", "Elena Voss"])
        self.assertEqual(credits[1].role, "Research fellow at the Institute for Regional Markets")
        self.assertTrue(credits[1].bio.startswith("Elena Voss is a research fellow"))
        self.assertEqual(credits[1].expert.photo_credit, "Photo: Institute for Regional Markets")
        speakers = [b.speaker.name for b in interview.blocks.filter(kind="answer").select_related("speaker")]
        self.assertEqual(
            speakers,
            ["Marat Seitkali", "Elena Voss", "Elena Voss", "Marat Seitkali", "Elena Voss", "Marat Seitkali"],
        )
        body = Interview.objects.get(pk=interview.pk).body_html
        self.assertIn('<p class="block__speaker">Elena Voss</p><p>I would add the railway timetable.', body)
        self.assertNotIn("Seitkali:", body)

    def test_experts_are_matched_by_name_or_slug_ignoring_case(self):
        voss = make_expert(name="ELENA VOSS")
        seitkali = make_expert(name="M. Seitkali", slug="marat-seitkali")
        interview = create_draft(read("two_experts.txt"))
        self.assertEqual(list(interview.experts.order_by("interview_roles__order")), [seitkali, voss])
        self.assertEqual(Expert.objects.count(), 2)

    def test_one_expert_answers_belong_to_them(self):
        interview = create_draft(parse("outlet_label.txt"))
        expert = interview.experts.get()
        self.assertEqual(
            set(interview.blocks.filter(kind="answer").values_list("speaker", flat=True)), {expert.pk}
        )

    def test_unnamed_speakers_are_not_made_experts(self):
        interview = create_draft(read("speakers.vtt"))
        self.assertFalse(interview.experts.exists())
        self.assertFalse(Expert.objects.exists())
        self.assertEqual(interview.blocks.filter(kind="question").count(), 3)
        self.assertFalse(interview.blocks.filter(speaker__isnull=False).exists())

    def test_speakers_named_by_the_editor_are_credited(self):
        parsed = read("speakers.vtt")
        pilots = [make_expert(name="Ruslan Akhmed"), make_expert(name="Vera Lotts")]
        interview = create_draft(parsed, experts=pilots)
        answers = interview.blocks.filter(kind="answer").order_by("order")
        self.assertEqual(
            [b.speaker.name for b in answers], ["Ruslan Akhmed", "Vera Lotts", "Ruslan Akhmed", "Vera Lotts"]
        )

    def test_partner_material_is_marked_with_its_outlet_and_republishing_off(self):
        interview = create_draft(read("partner_rights.txt"))
        self.assertEqual(interview.origin, Interview.Origin.PARTNER)
        self.assertEqual(interview.source_name, "Northern Lights Media")
        self.assertFalse(interview.republishing_allowed)

    def test_our_own_label_in_another_language_is_not_a_partner(self):
        make_interview(interviewer_label="Меридиан", language="ru")
        interview = create_draft(read("russian_boilerplate.txt"))
        self.assertEqual(interview.origin, Interview.Origin.ORIGINAL)
        self.assertTrue(interview.republishing_allowed)

    def test_20000_word_transcript_imports_quickly(self):
        text = long_transcript(20_000)
        self.assertGreater(len(text.split()), 20_000)
        started = time.perf_counter()
        interview = create_draft(read_upload("long.txt", text.encode()))
        elapsed = time.perf_counter() - started
        # A guard against quadratic work, far above the measured time (scripts/benchmark.py).
        self.assertLess(elapsed, 5)
        self.assertEqual(interview.blocks.filter(kind="question").count(), 106)
        self.assertIn("Why does the", Interview.objects.get(pk=interview.pk).body_html)


class ImportCommandProcessTests(TestCase):
    def test_command_in_a_process_imports_subtitles_and_exits_1_naming_the_failures(self):
        folder = Path(tempfile.mkdtemp(prefix="transcripts-"))
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        shutil.copy(TRANSCRIPTS / "named.srt", folder / "beekeeper.srt")
        (folder / "sheet.txt").write_text("a;b;c\n1;2;3\n4;5;6\n")
        (folder / "empty.vtt").write_bytes(b"")
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}"}
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=settings.BASE_DIR)
        result = subprocess.run(
            [*manage, "import_transcripts", str(folder)],
            env=env,
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
        )
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"created: {folder / 'beekeeper.srt'} -> A beekeeper on the hard spring", result.stdout)
        self.assertIn(f"error: {folder / 'empty.vtt'}: The file is empty.", result.stderr)
        self.assertIn(
            f"error: {folder / 'sheet.txt'}: This looks like a spreadsheet saved as text", result.stderr
        )
        self.assertIn(
            f"2 of 3 transcripts failed: {folder / 'empty.vtt'}, {folder / 'sheet.txt'}", result.stderr
        )
