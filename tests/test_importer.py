import io
import shutil
import tempfile
from pathlib import Path
from unittest import mock

import docx
from django.core.management import CommandError, call_command
from django.test import TestCase

from interviews.importer import create_draft, find_duplicate, find_expert
from interviews.models import Block, Expert, Interview, InterviewExpert
from interviews.transcripts import parse_text
from tests.builders import make_draft, make_expert, make_interview

TRANSCRIPTS = Path(__file__).parent / "transcripts"


def parse(name, label=None):
    return parse_text((TRANSCRIPTS / name).read_text(encoding="utf-8"), label=label)


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
