"""Uploaded images: type, size and pixel checks, generated names, served content types."""

import io
import re
import zlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, TestCase, override_settings
from django.views.static import serve
from PIL import Image

from interviews.models import Expert
from interviews.uploads import GeneratedName, validate_image
from tests.builders import make_expert


def upload(name, fmt="PNG", size=(20, 10), content=None):
    if content is None:
        buffer = io.BytesIO()
        Image.new("RGB", size, "#336699").save(buffer, fmt)
        content = buffer.getvalue()
    return SimpleUploadedFile(name, content, content_type="image/png")


def check(file):
    expert = Expert(photo=file)
    validate_image(expert.photo)
    return expert


class ImageValidationTests(TestCase):
    def test_accepts_the_four_web_formats(self):
        for fmt in ["JPEG", "PNG", "WEBP", "GIF"]:
            with self.subTest(fmt):
                check(upload("picture", fmt))

    def test_refuses_a_file_that_is_not_an_image(self):
        with self.assertRaisesMessage(ValidationError, "not an image"):
            check(upload("photo.jpg", content=b"<html><script>alert(1)</script>"))

    def test_refuses_other_image_formats(self):
        with self.assertRaisesMessage(ValidationError, "JPEG, PNG, WebP or GIF"):
            check(upload("photo.png", "BMP"))

    @override_settings(IMAGE_MAX_BYTES=1000)
    def test_refuses_a_large_file(self):
        with self.assertRaisesMessage(ValidationError, "at most"):
            check(upload("photo.png", content=b"\x89PNG" + b"0" * 2000))

    @override_settings(IMAGE_MAX_PIXELS=10_000)
    def test_refuses_too_many_pixels(self):
        with self.assertRaisesMessage(ValidationError, "too many pixels"):
            check(upload("photo.png", size=(200, 100)))

    def test_refuses_a_decompression_bomb(self):
        # A tiny PNG whose header claims 60,000 × 60,000 pixels.
        buffer = io.BytesIO()
        Image.new("1", (6000, 6000)).save(buffer, "PNG")
        data = bytearray(buffer.getvalue())
        data[16:24] = (60000).to_bytes(4, "big") * 2
        data[29:33] = zlib.crc32(data[12:29]).to_bytes(4, "big")
        with self.assertRaisesMessage(ValidationError, "too many pixels"):
            check(upload("bomb.png", content=bytes(data)))


class GeneratedNameTests(TestCase):
    def test_stored_name_is_random_with_the_real_format_extension(self):
        expert = make_expert(photo=upload("../../etc/<b>passwd</b>.jpg", "PNG"))
        self.assertRegex(expert.photo.name, r"^experts/\d{4}/[0-9a-f]{32}\.png$")

    def test_name_falls_back_to_a_safe_extension(self):
        name = GeneratedName("covers/%Y/", "cover_image")(Expert(), "evil.php")
        self.assertTrue(re.fullmatch(r"covers/\d{4}/[0-9a-f]{32}\.bin", name), name)

    def test_media_are_served_with_their_content_type(self):
        expert = make_expert(photo=upload("photo", "WEBP"))
        request = RequestFactory().get("/")
        response = serve(request, expert.photo.name, document_root=expert.photo.storage.location)
        self.assertEqual(response["Content-Type"], "image/webp")
