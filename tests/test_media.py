import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import TestCase
from PIL import Image

from interviews.renditions import rendition_name
from tests.builders import image_upload, make_interview


class MediaTests(TestCase):
    def test_renditions_are_served_with_their_format_and_immutable_caching(self):
        interview = make_interview(title="Pictured", cover_image=image_upload(size=(800, 400)))
        response = self.client.get(interview.get_absolute_url())
        for width in (240, 480, 800):
            with self.subTest(width):
                url = default_storage.url(rendition_name(interview.cover_image.name, width))
                self.assertContains(response, url)
                image = self.client.get(url)
                self.assertEqual(image.status_code, 200)
                self.assertEqual(image["Content-Type"], "image/webp")
                self.assertEqual(image["X-Content-Type-Options"], "nosniff")
                self.assertEqual(image["Cache-Control"], "public, max-age=31536000, immutable")
                self.assertEqual(Image.open(io.BytesIO(b"".join(image.streaming_content))).width, width)

    def test_type_comes_from_the_bytes_not_the_name(self):
        name = default_storage.save("uploads/page.jpg", ContentFile(b"<html><script>alert(1)</script>"))
        response = self.client.get(default_storage.url(name))
        self.assertEqual(response["Content-Type"], "application/octet-stream")
        self.assertEqual(response["Content-Disposition"], "attachment")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertIn("sandbox", response["Content-Security-Policy"])

    def test_missing_and_outside_files_are_not_found(self):
        for path in ["/media/nothing.webp", "/media/../cms/settings.py", "/media/%2e%2e/manage.py"]:
            with self.subTest(path):
                self.assertIn(self.client.get(path).status_code, {400, 404})
