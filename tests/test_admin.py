from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from taggit.models import Tag

from cms.roles.definitions import EDITORS, EXPERT_STAFF
from interviews.admin import InterviewAdmin
from interviews.models import Block, Expert, Interview, InterviewExpert
from tests.builders import image_upload, make_draft, make_expert, make_interview, make_user


def inline_management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def interview_form(expert, **fields):
    data = {
        "title": "Borders and bread",
        "slug": "borders-and-bread",
        "lead": "Trade across a closed border.",
        "language": "en",
        "byline": "Interview by Dana K.",
        "interviewer_label": "Meridian",
        "tags": "Trade, Kyrgyzstan",
        "status": "published",
        "publish_at_0": "2024-03-01",
        "publish_at_1": "10:00:00",
        "origin": "original",
        "source_name": "",
        "source_url": "",
        **inline_management("interview_experts", 1),
        "interview_experts-0-expert": str(expert.pk),
        "interview_experts-0-role": "Economist at the time",
        "interview_experts-0-bio": "",
        "interview_experts-0-order": "0",
        **inline_management("blocks", 3),
        "blocks-0-kind": "question",
        "blocks-0-order": "0",
        "blocks-0-text": "Why did the border close?",
        "blocks-1-kind": "answer",
        "blocks-1-order": "1",
        "blocks-1-text": "Because of a dispute.\n\nIt lasted {almost} a year.<script>alert(1)</script>",
        "blocks-2-kind": "quote",
        "blocks-2-order": "2",
        "blocks-2-text": "Trade finds a way.",
    }
    data.update(fields)
    return data


class EditorInterviewAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])
        cls.expert = make_expert(name="Aida Sultan", position="Economist")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_editor_creates_an_interview_with_experts_tags_and_blocks(self):
        response = self.client.post(reverse("admin:interviews_interview_add"), interview_form(self.expert))
        self.assertEqual(response.status_code, 302, response.context and response.context.get("errors"))
        interview = Interview.objects.get(slug="borders-and-bread")
        self.assertEqual(sorted(interview.tags.names()), ["Kyrgyzstan", "Trade"])
        self.assertEqual(InterviewExpert.objects.get(interview=interview).role, "Economist at the time")
        kinds = list(interview.blocks.values_list("kind", flat=True))
        self.assertEqual(kinds, ["question", "answer", "quote"])
        answer = interview.blocks.get(kind="answer")
        self.assertNotIn("script", answer.text)
        self.assertEqual(interview.blocks.get(kind="question").anchor, "q-why-did-the-border-close")

    def test_duplicate_slug_is_refused_and_nothing_is_saved(self):
        make_interview(title="Taken", slug="borders-and-bread")
        response = self.client.post(reverse("admin:interviews_interview_add"), interview_form(self.expert))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Interview with this Slug already exists.")
        self.assertEqual(Interview.objects.filter(slug="borders-and-bread").count(), 1)
        self.assertFalse(Block.objects.filter(text__contains="border close").exists())

    def test_empty_text_block_is_refused_with_a_message(self):
        data = interview_form(self.expert, **{"blocks-2-text": "   "})
        response = self.client.post(reverse("admin:interviews_interview_add"), data)
        self.assertContains(response, "This block has no text.")
        self.assertFalse(Interview.objects.filter(slug="borders-and-bread").exists())

    def test_partner_material_without_source_is_refused(self):
        data = interview_form(self.expert, origin="partner")
        response = self.client.post(reverse("admin:interviews_interview_add"), data)
        self.assertContains(response, "Partner material needs the source outlet")
        self.assertFalse(Interview.objects.exists())

    def test_image_block_upload(self):
        data = interview_form(
            self.expert, **{"blocks-2-kind": "image", "blocks-2-text": "", "blocks-2-caption": "Aida"}
        )
        data["blocks-2-image"] = image_upload()
        response = self.client.post(reverse("admin:interviews_interview_add"), data)
        self.assertEqual(response.status_code, 302)
        block = Block.objects.get(kind="image")
        self.assertTrue(block.image.name.startswith("blocks/"))

    def test_changelist_shows_status_experts_and_tags_with_fixed_queries(self):
        for count in (3, 30):
            for _ in range(count):
                make_interview(experts=[self.expert, make_expert()], tags=["Water", "China"])
            with self.assertNumQueries(15):
                response = self.client.get(reverse("admin:interviews_interview_changelist"))
        self.assertContains(response, "Aida Sultan")
        self.assertContains(response, "China, Water")

    def test_changelist_filters_and_search(self):
        make_interview(title="About water", experts=[self.expert], tags=["Water"])
        make_draft(title="Unfinished")
        url = reverse("admin:interviews_interview_changelist")
        self.assertContains(self.client.get(url, {"status__exact": "draft"}), "Unfinished")
        self.assertNotContains(self.client.get(url, {"status__exact": "draft"}), "About water")
        self.assertContains(self.client.get(url, {"q": "Sultan"}), "About water")
        self.assertContains(self.client.get(url, {"experts__id__exact": self.expert.pk}), "About water")
        water = Tag.objects.get(name="Water")
        self.assertContains(self.client.get(url, {"tags__id__exact": water.pk}), "About water")

    def test_scheduled_interview_is_marked_in_the_list(self):
        from tests.builders import make_scheduled

        make_scheduled(title="Coming soon")
        self.assertContains(
            self.client.get(reverse("admin:interviews_interview_changelist")), "Scheduled for"
        )

    def test_view_on_site_only_for_published_interviews(self):
        public, draft = make_interview(), make_draft()
        change = "admin:interviews_interview_change"
        self.assertContains(self.client.get(reverse(change, args=[public.pk])), "View on site")
        self.assertNotContains(self.client.get(reverse(change, args=[draft.pk])), "View on site")

    def test_tag_suggestions_offer_existing_tags(self):
        make_interview(tags=["Water", "Waterways", "China"])
        url = reverse("admin:interviews_interview_tag_suggestions")
        self.assertEqual(self.client.get(url, {"q": "wat"}).json(), {"tags": ["Water", "Waterways"]})
        self.assertEqual(self.client.get(url, {"q": ""}).json(), {"tags": []})

    def test_change_form_loads_the_tag_suggestion_script(self):
        response = self.client.get(reverse("admin:interviews_interview_add"))
        self.assertContains(response, "interviews/admin/tag-suggest.js")
        self.assertContains(response, 'data-suggest-url="/admin/interviews/interview/tag-suggestions/"')


class ExpertAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff = make_user(groups=[EXPERT_STAFF])
        cls.expert = make_expert(name="Aida Sultan")
        make_interview(experts=[cls.expert])
        make_interview(experts=[cls.expert])

    def setUp(self):
        self.client.force_login(self.staff)

    def test_staff_edit_an_expert(self):
        url = reverse("admin:interviews_expert_change", args=[self.expert.pk])
        data = {
            "name": "Aida Sultan",
            "slug": self.expert.slug,
            "position": "Director",
            "affiliation": "Water Centre",
            "short_bio": "Aida Sultan directs a centre.",
            "bio": "<p>Long bio</p><script>x</script>",
            "photo_credit": "Photo: Meridian",
            "photo": image_upload("aida.jpg"),
            **inline_management("translations", 0),
            **inline_management("links", 1),
            "links-0-label": "Website",
            "links-0-url": "example.org/aida",
            "links-0-order": "0",
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.expert.refresh_from_db()
        self.assertEqual(self.expert.position, "Director")
        self.assertEqual(self.expert.bio, "<p>Long bio</p>")
        self.assertEqual(self.expert.links.get().url, "https://example.org/aida")
        self.assertTrue(self.expert.photo.name.startswith("experts/"))

    def test_bad_link_address_is_refused(self):
        url = reverse("admin:interviews_expert_change", args=[self.expert.pk])
        data = {
            "name": "Aida Sultan",
            "slug": self.expert.slug,
            **inline_management("links", 1),
            "links-0-label": "Website",
            "links-0-url": "not a url",
            "links-0-order": "0",
        }
        response = self.client.post(url, data)
        self.assertContains(response, "Enter a valid URL.")
        self.assertFalse(self.expert.links.exists())

    def test_list_is_searchable_and_shows_interview_counts(self):
        make_expert(name="Someone Else")
        response = self.client.get(reverse("admin:interviews_expert_changelist"), {"q": "Sultan"})
        self.assertContains(response, "Aida Sultan")
        self.assertNotContains(response, "Someone Else")
        self.assertContains(response, '<td class="field-interview_count">2</td>', html=True)

    def test_changelist_query_count_is_fixed(self):
        for count in (3, 30):
            for _ in range(count):
                make_interview(experts=[make_expert()])
            with self.assertNumQueries(7):
                self.client.get(reverse("admin:interviews_expert_changelist"))

    def test_expert_in_interviews_cannot_be_deleted(self):
        response = self.client.post(
            reverse("admin:interviews_expert_delete", args=[self.expert.pk]), {"post": "yes"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "would require deleting the following protected related objects")
        self.assertTrue(Expert.objects.filter(pk=self.expert.pk).exists())

    def test_bulk_delete_of_an_expert_in_interviews_is_refused(self):
        response = self.client.post(
            reverse("admin:interviews_expert_changelist"),
            {"action": "delete_selected", "_selected_action": [self.expert.pk], "post": "yes"},
        )
        self.assertContains(response, "protected related objects")
        self.assertTrue(Expert.objects.filter(pk=self.expert.pk).exists())

    def test_expert_staff_cannot_open_interviews(self):
        self.assertEqual(self.client.get(reverse("admin:interviews_interview_changelist")).status_code, 403)
        url = reverse("admin:interviews_interview_tag_suggestions")
        self.assertEqual(self.client.get(url, {"q": "x"}).status_code, 403)


class RoleGroupTests(TestCase):
    def test_migration_creates_the_roles(self):
        editors = Group.objects.get(name=EDITORS)
        staff = Group.objects.get(name=EXPERT_STAFF)
        self.assertTrue(editors.permissions.filter(codename="change_interview").exists())
        self.assertFalse(staff.permissions.filter(codename="change_interview").exists())
        self.assertTrue(staff.permissions.filter(codename="change_expert").exists())

    def test_anonymous_visitor_is_sent_to_login(self):
        response = self.client.get(reverse("admin:interviews_interview_changelist"))
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])


class InterviewAdminHookTests(SimpleTestCase):
    def test_an_app_adds_its_field_to_a_fieldset_of_the_interview_admin(self):
        # cms.attribution's admin.py, through InterviewAdmin.show_in_fieldset.
        self.assertIn("republications", InterviewAdmin.readonly_fields)
        fieldsets = dict(admin.site.get_model_admin(Interview).fieldsets)
        self.assertEqual(
            fieldsets["Reuse by other outlets"]["fields"], ["republishing_allowed", "republications"]
        )

    def test_a_missing_fieldset_or_a_taken_name_is_refused(self):
        @admin.display(description="Nothing")
        def nothing(interview):
            return ""

        with self.assertRaises(ImproperlyConfigured):
            InterviewAdmin.show_in_fieldset("No such fieldset", nothing)
        nothing.__name__ = "state"  # the admin's own status column
        with self.assertRaises(ImproperlyConfigured):
            InterviewAdmin.show_in_fieldset("Publishing", nothing)
        self.assertNotIn("state", InterviewAdmin.readonly_fields)
