"""The sample content: transcripts the importer reads cleanly, completed from interviews.toml."""

import copy
import fnmatch
import tomllib
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from interviews import sample_content
from interviews.models import Block, Expert, Interview
from interviews.transcripts import SUFFIXES


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def entry(slug):
    return next(entry for entry in sample_content.interviews() if entry["slug"] == slug)


class SampleTranscriptTests(SimpleTestCase):
    def test_every_transcript_reads_as_interviews_toml_expects(self):
        for item in sample_content.interviews():
            with self.subTest(transcript=item["transcript"]):
                parsed = sample_content.read_transcript(item)
                expect = item["expect"]
                self.assertEqual(parsed.warnings, [])
                self.assertEqual(parsed.title, expect["title"])
                self.assertEqual(parsed.language, expect["language"])
                self.assertEqual(parsed.question_count, expect["questions"])
                self.assertEqual(parsed.answer_count, expect["answers"])
                self.assertEqual(len(parsed.images), expect["photos"])
                self.assertEqual(len(parsed.experts), len(item["experts"]))
                self.assertTrue(parsed.lead)
                self.assertTrue(all(expert.bio for expert in parsed.experts))
                self.assertEqual(sample_content.problems(item, parsed), [])

    def test_only_site_chrome_is_dropped(self):
        for item in sample_content.interviews():
            with self.subTest(transcript=item["transcript"]):
                parsed = sample_content.read_transcript(item)
                for line in parsed.dropped:
                    self.assertRegex(line.reason, "rights line|reuse conditions|error-report prompt")

    def test_the_transcripts_show_the_shapes_the_importer_reads(self):
        shapes = {
            item["transcript"]: sample_content.read_transcript(item) for item in sample_content.interviews()
        }
        suffixes = {name.rsplit(".", 1)[1] for name in shapes}
        self.assertEqual(suffixes, {"txt", "vtt"})
        labels = {parsed.interviewer_label for parsed in shapes.values()}
        self.assertLessEqual({"Meridian", "Q", "Меридиан", "Madina Yusupova", "Dana Orazbayeva"}, labels)
        self.assertTrue(any(len(parsed.experts) == 2 for parsed in shapes.values()))
        self.assertTrue(any(parsed.dropped for parsed in shapes.values()))
        text = (sample_content.FOLDER / "independent-media-under-pressure.txt").read_text()
        self.assertRegex(text, r"(?m)^\[\d\d:\d\d:\d\d\] Madina Yusupova: ")

    def test_two_experts_answer_by_their_surnames(self):
        parsed = sample_content.read_transcript(entry("upstream-downstream-water-sharing"))
        speakers = [block.speaker for block in parsed.blocks if block.kind == "answer"]
        self.assertEqual(set(speakers), {0, 1})
        self.assertEqual([expert.label for expert in parsed.experts], ["Berdibekova", "Sydykbaeva"])
        self.assertEqual(parsed.insertions, ["in 1992", "the Taliban returned to power in"])

    def test_every_file_in_the_folder_is_a_sample_interview(self):
        named = {item["transcript"] for item in sample_content.interviews()}
        transcripts = {path.name for path in sample_content.FOLDER.iterdir() if path.suffix in SUFFIXES}
        self.assertEqual(named, transcripts)
        self.assertEqual(len({item["slug"] for item in sample_content.interviews()}), len(named))

    def test_the_sample_files_are_installed_with_the_package(self):
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as file:
            patterns = tomllib.load(file)["tool"]["setuptools"]["package-data"]["interviews"]
        for path in sample_content.FOLDER.iterdir():
            name = f"sample/{path.name}"
            self.assertTrue(any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name)

    def test_a_transcript_read_otherwise_is_named(self):
        item = copy.deepcopy(entry("labour-migration-new-routes"))
        item["expect"]["questions"] = 13
        item["experts"] = [{"slug": "saule-berdibekova", "role": ""}]
        found = sample_content.problems(item, sample_content.read_transcript(item))
        self.assertEqual(found[0], "questions is 12, not 13")
        self.assertIn("the experts are ['Farrukh Nazarmatov'], not those of ['saule-berdibekova']", found[1])


class SampleContentTests(TestCase):
    def test_loads_experts_and_interviews_in_the_transcript_shape(self):
        output = run("load_sample_content")
        self.assertIn("3 experts and 5 interviews added", output)
        self.assertEqual(Expert.objects.count(), len(sample_content.experts()))
        published = Interview.objects.published()
        self.assertGreaterEqual(published.count(), 3)
        for interview in published:
            self.assertGreaterEqual(interview.blocks.filter(kind=Block.Kind.QUESTION).count(), 12)
            self.assertTrue(
                interview.blocks.filter(kind=Block.Kind.IMAGE, credit__startswith="Фото").exists()
                or interview.blocks.filter(kind=Block.Kind.IMAGE, credit__startswith="Photo").exists()
            )
            self.assertTrue(interview.cover_image)
            self.assertTrue(interview.interview_experts.exclude(bio="").exists())
        self.assertTrue(Block.objects.filter(text__regex=r"\{[^}]+\}").exists())
        self.assertTrue(Interview.objects.filter(language="ru").exists())
        self.assertTrue(Interview.objects.filter(status=Interview.Status.DRAFT).exists())

    def test_each_interview_is_its_transcript_completed_from_interviews_toml(self):
        run("load_sample_content")
        for item in sample_content.interviews():
            with self.subTest(slug=item["slug"]):
                interview = Interview.objects.get(slug=item["slug"])
                expect = item["expect"]
                self.assertEqual(interview.title, expect["title"])
                self.assertEqual(interview.language, expect["language"])
                self.assertEqual(interview.status, item["status"])
                self.assertEqual(interview.byline, item["byline"])
                self.assertEqual(interview.origin, Interview.Origin.ORIGINAL)
                self.assertEqual(sorted(interview.tags.names()), sorted(item["tags"]))
                credits = interview.interview_experts.order_by("order")
                self.assertEqual(
                    [(c.expert.slug, c.role) for c in credits],
                    [(c["slug"], c["role"]) for c in item["experts"]],
                )
                kinds = list(interview.blocks.values_list("kind", flat=True))
                self.assertEqual(kinds.count("question"), expect["questions"])
                self.assertEqual(kinds.count("image"), expect["photos"])
                self.assertFalse(interview.blocks.filter(kind="image", image="").exists())
                for extra in item.get("blocks", []):
                    at = kinds.index(extra["kind"], 0)
                    questions_before = kinds[:at].count("question")
                    self.assertEqual(questions_before, extra["before_question"] - 1)
        self.assertEqual(
            Interview.objects.get(slug="labour-migration-new-routes").interviewer_label, "Meridian"
        )

    def test_answers_of_two_experts_name_their_speaker(self):
        run("load_sample_content")
        interview = Interview.objects.get(slug="upstream-downstream-water-sharing")
        answers = interview.blocks.filter(kind=Block.Kind.ANSWER)
        self.assertEqual(
            set(answers.values_list("speaker__slug", flat=True)), {"saule-berdibekova", "elnura-sydykbaeva"}
        )
        self.assertFalse(answers.filter(text__startswith="<p>Berdibekova:").exists())

    def test_running_twice_adds_nothing(self):
        run("load_sample_content")
        counts = (Expert.objects.count(), Interview.objects.count(), Block.objects.count())
        output = run("load_sample_content")
        self.assertIn("0 experts and 0 interviews added", output)
        self.assertEqual(counts, (Expert.objects.count(), Interview.objects.count(), Block.objects.count()))

    def test_sample_pages_render(self):
        run("load_sample_content")
        for interview in Interview.objects.published():
            self.assertEqual(self.client.get(interview.get_absolute_url()).status_code, 200)

    def test_a_transcript_the_importer_reads_otherwise_stops_the_load(self):
        item = copy.deepcopy(entry("labour-migration-new-routes"))
        item["expect"]["answers"] = 11
        run("load_sample_content")
        Interview.objects.filter(slug=item["slug"]).delete()
        with self.assertRaisesMessage(
            sample_content.SampleContentError, "labour-migration-new-routes.txt: answers is 12, not 11"
        ):
            sample_content.load_interview(1, item)
        self.assertFalse(Interview.objects.filter(slug=item["slug"]).exists())
