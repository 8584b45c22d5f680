import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.test import TestCase, override_settings

from interviews.workflow import apply_transition
from tests.builders import make_expert, make_interview, make_user


class PurgeEndpoint:
    """A local HTTP server that records the purge calls it gets."""

    def __init__(self, status=200):
        self.calls = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                endpoint.calls.append({"headers": dict(self.headers), "body": json.loads(body)})
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/purge"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def purged(self):
        return {key for call in self.calls for key in call["body"]["keys"]}


class SurrogateKeyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan")
        cls.interview = make_interview(title="Rivers and rules", experts=[cls.expert], tags=["Water"])
        cls.other = make_interview(title="Also on water", tags=["Water"])

    def keys(self, response):
        names = response["Surrogate-Key"].split()
        self.assertEqual(response["Cache-Tag"].split(","), names)
        return set(names)

    def test_interview_page_names_the_interview_its_experts_topics_and_related(self):
        response = self.client.get(self.interview.get_absolute_url())
        topic = self.interview.tags.get().pk
        expected = {
            f"interview-{self.interview.pk}",
            f"expert-{self.expert.pk}",
            f"topic-{topic}",
            f"interview-{self.other.pk}",
            f"links-{self.interview.pk}",  # its related list, which only its own page shows
            "site",
        }
        self.assertEqual(self.keys(response), expected)

    def test_lists_name_what_they_show(self):
        home = self.keys(self.client.get("/"))
        self.assertLessEqual({"interviews", "site", f"interview-{self.interview.pk}"}, home)
        expert = self.keys(self.client.get(self.expert.get_absolute_url()))
        self.assertLessEqual({f"expert-{self.expert.pk}", f"interview-{self.interview.pk}"}, expert)
        feed = self.keys(self.client.get("/feed/"))
        self.assertLessEqual({"interviews", "site", f"interview-{self.interview.pk}"}, feed)
        # A page that names nothing of its own is outdated by every change readers see.
        self.assertEqual({"changes", "site"}, self.keys(self.client.get("/experts/")))

    def test_public_pages_let_a_cdn_keep_them_and_browsers_revalidate(self):
        with override_settings(CDN_MAX_AGE=3600, CDN_STALE_SECONDS=60):
            control = self.client.get("/")["Cache-Control"].split(", ")
        self.assertLessEqual(
            {"public", "max-age=0", "s-maxage=3600", "stale-while-revalidate=60"}, set(control)
        )

    def test_staff_pages_carry_no_cdn_headers(self):
        self.client.force_login(make_user(superuser=True))
        response = self.client.get(self.interview.get_absolute_url())
        self.assertNotIn("s-maxage", response.get("Cache-Control", ""))


class PurgeTests(TestCase):
    def setUp(self):
        self.endpoint = PurgeEndpoint()
        self.addCleanup(self.endpoint.close)

    def test_saving_an_interview_purges_its_keys_after_the_commit(self):
        expert = make_expert()
        interview = make_interview(title="Before", experts=[expert], tags=["Water"])
        with override_settings(CDN_PURGE_URL=self.endpoint.url, CDN_PURGE_TOKEN="t0ken"):
            with self.captureOnCommitCallbacks(execute=False) as callbacks:
                interview.title = "After"
                interview.save()
            self.assertEqual(self.endpoint.calls, [], "nothing is sent before the commit")
            for callback in callbacks:
                callback()
        # A new title changes its pages and those listing it, not which lists it is on.
        self.assertEqual({f"interview-{interview.pk}", "changes"}, self.endpoint.purged())
        call = self.endpoint.calls[0]
        self.assertEqual(call["headers"]["Authorization"], "Bearer t0ken")
        self.assertEqual(set(call["headers"]["Surrogate-Key"].split()), set(call["body"]["keys"]))

    def test_publishing_purges_the_lists_it_joins(self):
        expert = make_expert()
        draft = make_interview(experts=[expert], status="review", publish_at=None)
        with (
            override_settings(CDN_PURGE_URL=self.endpoint.url),
            self.captureOnCommitCallbacks(execute=True),
        ):
            apply_transition("publish", draft, make_user(superuser=True))
        self.assertLessEqual(
            {f"interview-{draft.pk}", f"expert-{expert.pk}", "interviews"}, self.endpoint.purged()
        )

    def test_renaming_an_expert_purges_the_expert(self):
        expert = make_expert(name="Old name")
        make_interview(experts=[expert])
        with (
            override_settings(CDN_PURGE_URL=self.endpoint.url),
            self.captureOnCommitCallbacks(execute=True),
        ):
            expert.name = "New name"
            expert.save()
        self.assertIn(f"expert-{expert.pk}", self.endpoint.purged())

    def test_a_correction_note_purges_its_interview_and_a_source_notice_every_page(self):
        from cms.attribution.models import SourceNotice
        from cms.reports.models import Correction

        interview = make_interview()
        with (
            override_settings(CDN_PURGE_URL=self.endpoint.url),
            self.captureOnCommitCallbacks(execute=True),
        ):
            Correction.objects.create(interview=interview, text="An earlier version misspelled a name.")
        self.assertIn(f"interview-{interview.pk}", self.endpoint.purged())
        with (
            override_settings(CDN_PURGE_URL=self.endpoint.url),
            self.captureOnCommitCallbacks(execute=True),
        ):
            SourceNotice.objects.update_or_create(
                language="ru", defaults={"text": "Ссылка обязательна: {link}"}
            )
        self.assertIn("site", self.endpoint.purged())

    def test_no_purge_endpoint_sends_nothing(self):
        with self.captureOnCommitCallbacks(execute=True):
            interview = make_interview(title="Quiet")
            interview.save()
        self.assertEqual(self.endpoint.calls, [])
