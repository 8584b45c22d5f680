from django.core.cache import cache
from django.core.files.storage import default_storage
from django.test import TestCase

from interviews.models import Block
from interviews.renditions import WIDTHS, rendition_name
from tests.builders import image_upload, make_expert, make_interview


class RenditionTests(TestCase):
    def setUp(self):
        cache.clear()

    def test_upload_gets_resized_renditions_and_pages_use_them(self):
        interview = make_interview(title="Pictured")
        block = Block(interview=interview, kind="image", caption="A river", order=9)
        block.image = image_upload(size=(2000, 1000))
        block.save()
        for width in WIDTHS:
            self.assertTrue(default_storage.exists(rendition_name(block.image.name, width)), width)
        response = self.client.get(interview.get_absolute_url())
        self.assertContains(response, 'srcset="')
        self.assertContains(response, "-1600w.webp 1600w")
        self.assertContains(response, 'loading="lazy"')
        self.assertNotContains(response, f'src="{block.image.url}"')

    def test_small_image_is_not_enlarged(self):
        expert = make_expert(photo=image_upload(size=(300, 300)))
        make_interview(experts=[expert])
        response = self.client.get(expert.get_absolute_url())
        self.assertContains(response, "-300w.webp 300w")
        self.assertNotContains(response, "480w")
        self.assertContains(response, 'width="160" height="160"')

    def test_renditions_are_made_once(self):
        expert = make_expert(photo=image_upload(size=(600, 400)))
        name = rendition_name(expert.photo.name, 480)
        modified = default_storage.get_modified_time(name)
        cache.clear()
        make_interview(experts=[expert])
        self.client.get(expert.get_absolute_url())
        self.assertEqual(default_storage.get_modified_time(name), modified)
