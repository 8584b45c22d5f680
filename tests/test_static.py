"""Static files in production: hashed names, compressed copies, far-future caching (WhiteNoise)."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

PROBE = """
import json, django
django.setup()
from django.template import engines
from django.test import Client
template = engines["django"].from_string("{% load static %}{% static 'cms/site.css' %}")
first, again = template.render(), template.render()
response = Client().get(first, secure=True)
compressed = Client().get(first, secure=True, HTTP_ACCEPT_ENCODING="gzip")
print(json.dumps({"urls": [first, again], "status": response.status_code,
                  "cache": response.headers.get("Cache-Control", ""),
                  "gzip": compressed.headers.get("Content-Encoding")}))
"""


class ProductionStaticFilesTests(SimpleTestCase):
    def test_pages_link_hashed_compressed_files_cached_for_a_year(self):
        with tempfile.TemporaryDirectory() as root:
            environment = {
                **{
                    k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
                },
                "DEBUG": "false",
                "SECRET_KEY": "static-files-test-" + "k" * 40,
                "ALLOWED_HOSTS": "testserver",
                "STATIC_ROOT": root,
                "DJANGO_SETTINGS_MODULE": "cms.settings",
            }

            def run(*command):
                result = subprocess.run(
                    [sys.executable, *command], cwd=settings.BASE_DIR, env=environment,
                    capture_output=True, text=True, timeout=180,
                )  # fmt: skip
                self.assertEqual(result.returncode, 0, result.stderr)
                return result.stdout

            run("manage.py", "collectstatic", "--no-input", "-v0")
            probe = json.loads(run("-c", PROBE).strip().splitlines()[-1])
            url = probe["urls"][0]
            self.assertRegex(url, r"^/static/cms/site\.[0-9a-f]{12}\.css$")
            self.assertEqual(probe["urls"][1], url)
            self.assertTrue((Path(root) / url.removeprefix("/static/")).with_suffix(".css.gz").exists())
            self.assertEqual(probe["status"], 200)
            self.assertIn("max-age=315360000", probe["cache"])
            self.assertIn("immutable", probe["cache"])
            self.assertEqual(probe["gzip"], "gzip")
