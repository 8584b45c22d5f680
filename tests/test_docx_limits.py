"""Hostile .docx archives are refused before parsing: fast, with a message, saving nothing."""

import io
import os
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from unittest import mock

import docx
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from cms.roles.definitions import EDITORS
from interviews import docx_limits
from interviews.models import Interview
from interviews.transcripts import TranscriptError, read_upload
from tests.builders import make_user

DOCUMENT = "word/document.xml"
PARAGRAPH = "<w:p><w:r><w:t>Q: Is the ferry late again?</w:t></w:r></w:p>"


def plain_docx():
    """Return the members of an empty, real .docx made by python-docx."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pack(members, level=9):
    """Return a zip archive of the members, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_with(body="", **extra_members):
    """Return a real .docx whose body starts with the given XML, and with any extra members."""
    members = plain_docx()
    members[DOCUMENT] = members[DOCUMENT].replace(b"<w:body>", b"<w:body>" + body.encode(), 1)
    members.update({name.replace("__", "/"): data for name, data in extra_members.items()})
    return pack(members)


def declare_size(data, name, size):
    """Return the archive with the member's uncompressed size rewritten in both its headers."""
    data = bytearray(data)
    # (signature, offset of the uncompressed size, of the name's length, of the name) in each header
    for signature, size_at, length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            (length,) = struct.unpack_from("<H", data, start + length_at)
            if data[start + name_at : start + name_at + length] == name.encode():
                struct.pack_into("<I", data, start + size_at, size)
            start += len(signature)
    return bytes(data)


class ArchiveLimitTests(SimpleTestCase):
    def assertRefused(self, data, words):
        started = time.perf_counter()
        with self.assertRaises(TranscriptError) as raised:
            read_upload("bomb.docx", data)
        self.assertLess(time.perf_counter() - started, 0.5)
        self.assertIn(words, raised.exception.message)
        return raised.exception.message

    def test_small_file_unpacking_to_megabytes_of_xml_is_refused(self):
        data = docx_with(PARAGRAPH * 135_000)
        self.assertLess(len(data), 100_000)
        message = self.assertRefused(data, "packed far more tightly")
        self.assertIn("paste the text", message)

    def test_part_larger_than_the_limit_is_refused(self):
        data = docx_with(**{"word__media__scan.bin": os.urandom(1000) + bytes(11 * 1024 * 1024)})
        self.assertRefused(data, "10 MB in one part")

    def test_parts_adding_up_past_the_total_are_refused(self):
        # Each part packs only about 80 times, as a dense but honest document might.
        part = os.urandom(110_000) + bytes(9 * 1024 * 1024)
        data = docx_with(**{f"word__media__part{n}.bin": part for n in range(3)})
        self.assertLess(len(data), 2 * 1024 * 1024)
        self.assertRefused(data, "at most 25 MB")

    def test_archive_of_many_parts_is_refused(self):
        data = docx_with(**{f"customXml__item{n}.xml": b"<a/>" for n in range(docx_limits.MAX_MEMBERS)})
        self.assertRefused(data, "more than 1,000 parts")

    def test_too_many_paragraphs_are_refused(self):
        data = docx_with(PARAGRAPH * (docx_limits.MAX_PARAGRAPHS + 1))
        self.assertRefused(data, "more than 5,000 paragraphs")

    def test_paragraphs_under_another_namespace_prefix_are_counted(self):
        namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        body = f'<x:p xmlns:x="{namespace}"/>' * (docx_limits.MAX_PARAGRAPHS + 1)
        self.assertRefused(docx_with(body), "more than 5,000 paragraphs")

    def test_paragraphs_split_between_two_pieces_are_counted_once(self):
        at_limit = docx_with(PARAGRAPH * docx_limits.MAX_PARAGRAPHS)
        over = docx_with(PARAGRAPH * (docx_limits.MAX_PARAGRAPHS + 1))
        with mock.patch.object(docx_limits, "_CHUNK", 997):
            self.assertIsNone(docx_limits.docx_refusal(at_limit))
            self.assertIn("5,000 paragraphs", docx_limits.docx_refusal(over))

    def test_a_paragraph_of_endless_runs_is_refused(self):
        body = "<w:p>" + "<w:r/>" * (docx_limits.MAX_RUNS + 1) + "</w:p>"
        self.assertRefused(docx_with(body), "more formatting than a transcript")

    def test_thousands_of_styles_are_refused(self):
        members = plain_docx()
        styles = "".join(f'<w:style w:type="paragraph" w:styleId="s{n}"/>' for n in range(3000))
        members["word/styles.xml"] = members["word/styles.xml"].replace(
            b"</w:styles>", styles.encode() + b"</w:styles>"
        )
        self.assertRefused(pack(members), "more formatting than a transcript")

    def test_header_that_understates_the_size_is_refused_as_damaged(self):
        data = declare_size(docx_with(PARAGRAPH * 100_000), DOCUMENT, 4000)
        self.assertEqual(zipfile.ZipFile(io.BytesIO(data)).getinfo(DOCUMENT).file_size, 4000)
        self.assertRefused(data, "its archive is damaged")

    def test_duplicate_part_names_are_refused_as_damaged(self):
        data = docx_with()
        buffer = io.BytesIO(data)
        with zipfile.ZipFile(buffer, "a") as archive, self.assertWarns(UserWarning):
            archive.writestr(DOCUMENT, b"<w:document/>")
        self.assertRefused(buffer.getvalue(), "its archive is damaged")

    def test_entries_claiming_more_data_than_the_file_holds_are_refused(self):
        # Overlapping entries that all point at the same packed bytes, as in a "zip of overlaps".
        data = bytearray(docx_with(PARAGRAPH))
        start = data.find(b"PK\x01\x02")
        struct.pack_into("<I", data, start + 20, len(data))
        self.assertRefused(bytes(data), "its archive is damaged")

    def test_garbled_packed_data_is_refused_as_damaged(self):
        data = bytearray(docx_with(PARAGRAPH * 2000))
        start = data.find(DOCUMENT.encode()) + len(DOCUMENT)  # the local header's name, then the data
        data[start + 100 : start + 400] = os.urandom(300)
        self.assertRefused(bytes(data), "its archive is damaged")

    def test_bytes_that_are_no_archive_are_refused_as_damaged(self):
        self.assertRefused(b"PK\x03\x04" + b"\x00" * 200, "could not be read")

    def test_real_transcript_with_a_photo_is_read(self):
        photo = os.urandom(1_500_000)  # a photo packs hardly at all
        data = docx_with(PARAGRAPH * 300, **{"word__media__image1.jpeg": photo})
        self.assertIsNone(docx_limits.docx_refusal(data))


class RefusalInTheAdminTests(TestCase):
    def test_bomb_upload_is_refused_with_the_message_and_nothing_saved(self):
        self.client.force_login(make_user(groups=[EDITORS]))
        upload = SimpleUploadedFile("interview.docx", docx_with(PARAGRAPH * 135_000))
        url = reverse("admin:interviews_interview_import")
        self.client.get(url)  # templates compiled, so the time below is the refusal's
        started = time.perf_counter()
        response = self.client.post(url, {"file": upload})
        self.assertLess(time.perf_counter() - started, 1)
        self.assertContains(response, "packed far more tightly")
        self.assertEqual(Interview.objects.count(), 0)


class RefusalInTheCommandTests(SimpleTestCase):
    def test_import_transcripts_refuses_the_bomb_and_exits_1(self):
        with tempfile.TemporaryDirectory() as folder:
            bomb = Path(folder) / "interview.docx"
            bomb.write_bytes(docx_with(PARAGRAPH * (docx_limits.MAX_PARAGRAPHS + 1)))
            environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
            # An empty database: saving anything would fail with a missing table, not this message.
            environment["DATABASE_URL"] = f"sqlite:///{folder}/empty.sqlite3"
            result = subprocess.run(
                [sys.executable, "manage.py", "import_transcripts", str(bomb)],
                cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn(f"error: {bomb}: This .docx file has more than 5,000 paragraphs", result.stderr)
        self.assertIn("1 of 1 transcripts failed", result.stderr)
        self.assertNotIn("created", result.stdout)
