"""The site in production mode as the README starts it: gunicorn with two workers on the defaults
(DEBUG off, no CACHE_URL, no worker options), a SQLite file, and a real `manage.py worker`."""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PASSWORD = secrets.token_urlsafe(16)
# Settings a deployment chooses for itself; the test must not inherit them from the suite's shell.
NOT_INHERITED = {"CACHE_URL", "TASKS_BACKEND", "S3_BUCKET", "CDN_PURGE_URL", "DATABASE_URL", "DEBUG"}

SETUP = f"""
import io
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from interviews.models import Block, Expert, Interview

def upload(name, size):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")

get_user_model().objects.create_superuser("editor", "editor@example.org", "{PASSWORD}")
expert = Expert.objects.create(name="Dana Ormon", slug="dana-ormon", photo=upload("dana.jpg", (500, 500)))
shown = Interview.objects.create(
    title="Water under the bridge", slug="water-under-the-bridge", lead="A lead.",
    status=Interview.Status.PUBLISHED, cover_image=upload("cover.jpg", (1200, 600)),
)
shown.interview_experts.create(expert=expert, role="Hydrologist", order=0)
shown.tags.add("Rivers")
Block.objects.create(interview=shown, kind="question", text="What now?", order=0)
Block.objects.create(
    interview=shown, kind="image", caption="The bridge", image=upload("b.jpg", (900, 700)), order=1
)
draft = Interview.objects.create(title="Two workers, one title", slug="two-workers", lead="New.",
                                 status=Interview.Status.REVIEW)
draft.interview_experts.create(expert=expert, role="Hydrologist", order=0)  # publishing needs one
print(draft.pk)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """One client with its own cookies; each request on a new connection, so any worker may answer it."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, content

    def form(self, path):
        status, _, page = self.request("GET", path)
        assert status == 200, (path, status)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()

    def post(self, path, fields):
        body = urlencode({"csrfmiddlewaretoken": self.form(path), **fields})
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        JOB_ATTEMPTS="2",
        JOB_RETRY_SECONDS="0",
    )

    def manage(*args):
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"manage.py {args}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    manage("collectstatic", "--no-input", "-v", "0")
    manage("migrate", "--no-input", "-v", "0")
    draft_id = int(manage("shell", "-c", SETUP).split()[-1])
    port = free_port()
    log = open(folder / "gunicorn.log", "w")  # noqa: SIM115 (open for the server's whole life)
    server = subprocess.Popen(
        [GUNICORN, "cms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True,
    )  # fmt: skip
    for _ in range(150):
        try:
            if Browser(port).request("GET", "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.1)
    else:
        pytest.fail(f"gunicorn did not start: {(folder / 'gunicorn.log').read_text()}")
    yield {"port": port, "manage": manage, "draft_id": draft_id, "env": env}
    server.terminate()
    server.wait(timeout=10)
    log.close()


def image_addresses(page):
    addresses = set(re.findall(rb'<img[^>]* src="([^"]+)"', page))
    for srcset in re.findall(rb'srcset="([^"]+)"', page):
        addresses |= {part.strip().split(b" ")[0] for part in srcset.split(b",")}
    return {address.decode() for address in addresses}


def test_every_image_of_an_interview_page_answers_200(site):
    reader = Browser(site["port"])
    status, _, page = reader.request("GET", "/interviews/water-under-the-bridge/")
    assert status == 200
    addresses = image_addresses(page)
    assert len(addresses) >= 8  # the cover, the block's image and the expert's photo, several widths each
    for address in addresses:
        status, headers, body = reader.request("GET", address)
        assert status == 200, address
        assert headers["Content-Type"] == "image/webp"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "immutable" in headers["Cache-Control"]
        assert body[8:12] == b"WEBP"


def test_a_save_through_one_worker_shows_at_once_to_every_reader(site):
    port = site["port"]
    for _ in range(12):  # both workers have the home page cached
        Browser(port).request("GET", "/")
    status, headers, page = Browser(port).request("GET", "/")
    assert headers["X-Cache"] == "HIT"
    assert b"Two workers, one title" not in page
    editor = Browser(port)
    status, headers, _ = editor.post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": PASSWORD}
    )
    assert status == 302, "the editor logs in"
    path = f"/admin/interviews/interview/{site['draft_id']}/status/publish/"
    status, _, _ = editor.post(path, {"publish_at": ""})
    assert status == 302, "the editor publishes"
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: Browser(port).request("GET", "/"), range(8)))
    # One reader rebuilds the page; any other arriving meanwhile may get the previous copy,
    # marked STALE, for as long as the rebuild takes.
    for _status, headers, page in answers:
        assert b"Two workers, one title" in page or headers["X-Cache"] == "STALE"
    assert any(b"Two workers, one title" in page for _status, _headers, page in answers)
    with ThreadPoolExecutor(8) as pool:
        pages = list(pool.map(lambda _: Browser(port).request("GET", "/")[2], range(8)))
    assert all(b"Two workers, one title" in page for page in pages)


def test_health_endpoints_answer_in_production(site):
    status, headers, body = Browser(site["port"]).request("GET", "/readyz", headers={"Host": "10.0.0.9"})
    assert status == 200, body
    assert b'"migrations": "ok"' in body
    assert "no-store" in headers["Cache-Control"]


def test_a_real_worker_runs_queued_jobs_retrying_one_that_fails(site, tmp_path):
    manage = site["manage"]
    marker = tmp_path / "tried"
    manage(
        "shell", "-c",
        f"from tests.jobs_for_tests import always_fail, fail_once; fail_once.enqueue({str(marker)!r}); "
        "always_fail.enqueue()",
    )  # fmt: skip
    manage("worker", "--batch")
    report = manage(
        "shell", "-c",
        "from django_tasks_db.models import DBTaskResult\n"
        "for row in DBTaskResult.objects.order_by('enqueued_at'):\n"
        "    print(row.task_path, row.status, row.exception_class_path, row.args_kwargs['kwargs'])",
    )  # fmt: skip
    rows = [line.split(" ", 3) for line in report.splitlines() if line.strip()]
    once = [row for row in rows if row[0].endswith("fail_once")]
    assert [row[1] for row in once] == ["FAILED", "SUCCESSFUL"]
    assert once[0][2] == "cms.jobs.jobs.RetryLater"
    assert "'attempt': 2" in once[1][3]
    never = [row for row in rows if row[0].endswith("always_fail")]
    assert [(row[1], row[2]) for row in never] == [
        ("FAILED", "cms.jobs.jobs.RetryLater"),
        ("FAILED", "builtins.ValueError"),
    ]
    # The jobs the setup's saves queued (renditions, neighbours' related lists) ran too.
    assert {row[1] for row in rows if row[0].startswith("interviews.tasks")} == {"SUCCESSFUL"}
    # Periodic jobs are queued for their next run, by the worker itself.
    periodic = {row[0]: row[1] for row in rows if row[0].endswith(("check_republications", "prune_results"))}
    assert "READY" in periodic.values()
    editor = Browser(site["port"])
    editor.post("/admin/login/?next=/admin/", {"username": "editor", "password": PASSWORD})
    status, _, desk = editor.request("GET", "/admin/")
    assert b"always_fail: ValueError: this job can never work" in desk
