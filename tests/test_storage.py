"""Media in S3-compatible object storage (django-storages), against moto's S3 server on loopback."""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.test import Client, TestCase, override_settings

from interviews.renditions import rendition_name
from tests.builders import image_upload, make_expert, make_interview

ROOT = Path(__file__).resolve().parent.parent
MOTO = shutil.which("moto_server", path=str(Path(sys.executable).parent)) or shutil.which("moto_server")
BUCKET = "meridian-media"
CREDENTIALS = {"access_key": "test-key", "secret_key": "test-secret", "region_name": "us-east-1"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """Start moto's S3 server on a free loopback port for this module; skip where it cannot start."""
    if MOTO is None:
        pytest.skip("moto_server is not installed (pip install 'moto[server]')")
    port = free_port()
    server = subprocess.Popen(
        [MOTO, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    for _ in range(300):  # it imports much before it listens; on a busy machine that takes a while
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if server.poll() is not None:
                pytest.skip("moto_server could not start")
            time.sleep(0.1)
    else:
        server.kill()
        pytest.skip("moto_server did not answer")
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def s3_storages(endpoint, **options):
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "querystring_auth": False,
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
                **CREDENTIALS,
                **options,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="class")
def s3(request, s3_endpoint):
    import boto3

    client = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id="test-key",
                          aws_secret_access_key="test-secret", region_name="us-east-1")  # fmt: skip
    client.create_bucket(Bucket=BUCKET)
    request.cls.s3_client = client
    request.cls.endpoint = s3_endpoint


@pytest.mark.usefixtures("s3")
class ObjectStorageTests(TestCase):
    def setUp(self):
        cache.clear()
        storages = s3_storages(self.endpoint, custom_domain="media.example.org", url_protocol="https:")
        override = override_settings(STORAGES=storages, MEDIA_SERVE=False)
        override.enable()
        self.addCleanup(override.disable)

    def head(self, name):
        return self.s3_client.head_object(Bucket=BUCKET, Key=name)

    def test_uploads_and_their_renditions_go_to_the_bucket_and_pages_link_there(self):
        interview = make_interview(title="Stored far away", cover_image=image_upload(size=(1000, 500)))
        name = interview.cover_image.name
        self.assertEqual(self.head(name)["ContentType"], "image/jpeg")
        for width in (240, 480, 960, 1000):
            with self.subTest(width):
                stored = self.head(rendition_name(name, width))
                self.assertEqual(stored["ContentType"], "image/webp")
                self.assertEqual(stored["CacheControl"], "public, max-age=31536000, immutable")
        page = self.client.get(interview.get_absolute_url())
        self.assertContains(page, f"https://media.example.org/{rendition_name(name, 960)}")
        self.assertFalse(os.path.exists(os.path.join(default_storage.location, name)))

    def test_a_second_app_machine_serves_what_the_first_stored(self):
        expert = make_expert(name="Nurlan Sadyk", photo=image_upload(size=(400, 400)))
        make_interview(experts=[expert])
        cache.clear()  # another machine: the renditions' list is not in its cache
        page = Client().get(expert.get_absolute_url())
        self.assertContains(page, f"https://media.example.org/{rendition_name(expert.photo.name, 400)}")

    def test_readyz_reaches_the_bucket(self):
        self.assertEqual(Client().get("/readyz").json()["storage"], "ok")


def test_settings_choose_object_storage_from_the_environment():
    env = {
        **os.environ,
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": "http://127.0.0.1:9",
        "S3_ACCESS_KEY_ID": "key",
        "S3_SECRET_ACCESS_KEY": secrets.token_hex(8),
        "S3_CUSTOM_DOMAIN": "media.example.org",
    }
    script = (
        "from django.conf import settings; from django.core.files.storage import storages; "
        "s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.custom_domain, settings.MEDIA_SERVE, "
        "s.url('a/b.webp'))"
    )
    command = [sys.executable, "manage.py", "shell", "-v", "0", "-c", script]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        BUCKET,
        "http://127.0.0.1:9",
        "media.example.org",
        "False",
        "https://media.example.org/a/b.webp",
    ]
