"""Who may open and post an interview's revisions, and bring back deleted ones; what each restore leaves."""

import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client, TestCase
from django.urls import reverse
from reversion.models import Version

from cms.roles.definitions import AUTHORS, EDITORS, EXPERT_STAFF
from interviews.models import Interview
from tests.builders import make_draft, make_interview, make_user
from tests.test_workflow import form_data

Status = Interview.Status


def keep_revision(interview, user, **changes):
    """Save the interview with changes as a revision by user, as an admin save would."""
    for name, value in changes.items():
        setattr(interview, name, value)
    with reversion.create_revision():
        reversion.set_user(user)
        interview.save()


def revision_url(interview, version):
    return reverse("admin:interviews_interview_revision", args=[interview.pk, version.pk])


def first_version(interview):
    return Version.objects.get_for_object(interview).order_by("pk").first()


def log_entries(interview):
    content_type = ContentType.objects.get_for_model(Interview)
    return LogEntry.objects.filter(content_type=content_type, object_id=str(interview.pk))


class RestoreTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.author = make_user(groups=[AUTHORS])
        cls.other_author = make_user(groups=[AUTHORS])
        cls.editor = make_user(groups=[EDITORS])
        cls.staff = make_user(groups=[EXPERT_STAFF])

    def setUp(self):
        self.own_draft = make_draft(title="Own first title", created_by=self.author)
        keep_revision(self.own_draft, self.author)
        keep_revision(self.own_draft, self.author, title="Own second title")
        self.others = make_interview(title="Their first title", created_by=self.other_author)
        keep_revision(self.others, self.other_author)
        keep_revision(self.others, self.other_author, title="Their second title")

    def client_for(self, user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    def restore_data(self, interview):
        """Return what the revision page sends on Save, as an editor's browser gets it."""
        page = self.client_for(self.editor).get(revision_url(interview, first_version(interview)))
        self.assertEqual(page.status_code, 200)
        return form_data(page, interview)

    def assert_restored(self, interview, user, title):
        interview.refresh_from_db()
        self.assertEqual(interview.title, title)
        latest = Version.objects.get_for_object(interview).order_by("-pk").first()
        self.assertEqual(Version.objects.get_for_object(interview).count(), 3)
        self.assertEqual(latest.revision.user, user)
        self.assertEqual(latest.field_dict["title"], title)
        entry = log_entries(interview).get()
        self.assertEqual(entry.user, user)
        self.assertIn("Restored the revision of", entry.get_change_message())

    def assert_untouched(self, interview, title):
        interview.refresh_from_db()
        self.assertEqual(interview.title, title)
        self.assertEqual(Version.objects.get_for_object(interview).count(), 2)
        self.assertFalse(log_entries(interview).exists())

    def test_author_restores_own_draft_as_a_new_revision_with_a_log_entry(self):
        client = self.client_for(self.author)
        url = revision_url(self.own_draft, first_version(self.own_draft))
        page = client.get(url)
        self.assertContains(page, "Own first title")
        response = client.post(url, form_data(page, self.own_draft))
        self.assertEqual(response.status_code, 302)
        self.assert_restored(self.own_draft, self.author, "Own first title")

    def test_author_may_neither_open_nor_post_another_persons_revision(self):
        data = self.restore_data(self.others)
        url = revision_url(self.others, first_version(self.others))
        client = self.client_for(self.author)
        self.assertEqual(client.get(url).status_code, 404)
        self.assertEqual(client.post(url, data).status_code, 404)
        self.assert_untouched(self.others, "Their second title")

    def test_author_may_not_restore_own_interview_once_it_left_the_drafts(self):
        Interview.objects.filter(pk=self.own_draft.pk).update(status=Status.REVIEW)
        data = self.restore_data(self.own_draft)
        url = revision_url(self.own_draft, first_version(self.own_draft))
        client = self.client_for(self.author)
        self.assertEqual(client.get(url).status_code, 403)
        self.assertEqual(client.post(url, data).status_code, 403)
        self.assert_untouched(self.own_draft, "Own second title")
        history = client.get(reverse("admin:interviews_interview_history", args=[self.own_draft.pk]))
        self.assertContains(history, "Own second title")
        self.assertNotContains(history, "Restore this version")

    def test_expert_staff_and_anonymous_may_not_restore(self):
        data = self.restore_data(self.others)
        url = revision_url(self.others, first_version(self.others))
        for user, status in [(self.staff, 404), (None, 302)]:
            client = self.client_for(user)
            for response in (client.get(url), client.post(url, data)):
                self.assertEqual(response.status_code, status)
                if user is None:
                    self.assertIn("/login/", response["Location"])
        self.assert_untouched(self.others, "Their second title")

    def test_editor_restores_a_published_interview_as_a_new_revision_with_a_log_entry(self):
        data = self.restore_data(self.others)
        response = self.client_for(self.editor).post(
            revision_url(self.others, first_version(self.others)), data
        )
        self.assertEqual(response.status_code, 302)
        self.assert_restored(self.others, self.editor, "Their first title")
        self.others.refresh_from_db()
        self.assertEqual(self.others.status, Status.PUBLISHED)

    def test_restoring_an_address_taken_since_is_refused_with_a_message_and_changes_nothing(self):
        keep_revision(self.own_draft, self.author, slug="own-new-address")
        make_interview(title="Own first title", created_by=self.editor)
        client = self.client_for(self.author)
        response = client.get(revision_url(self.own_draft, first_version(self.own_draft)), follow=True)
        self.assertContains(response, "Could not save")
        self.own_draft.refresh_from_db()
        self.assertEqual(self.own_draft.slug, "own-new-address")

    def test_a_version_of_another_interview_is_not_found_under_this_one(self):
        url = reverse(
            "admin:interviews_interview_revision", args=[self.own_draft.pk, first_version(self.others).pk]
        )
        self.assertEqual(self.client_for(self.editor).get(url).status_code, 404)


class RecoverTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.author = make_user(groups=[AUTHORS])
        cls.editor = make_user(groups=[EDITORS])
        cls.staff = make_user(groups=[EXPERT_STAFF])

    def setUp(self):
        interview = make_interview(title="Gone but published", created_by=self.author)
        keep_revision(interview, self.editor)
        self.pk = interview.pk
        interview.delete()
        self.version = Version.objects.get_deleted(Interview).get()
        self.list_url = reverse("admin:interviews_interview_recoverlist")
        self.url = reverse("admin:interviews_interview_recover", args=[self.version.pk])

    def client_for(self, user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    def recover_data(self):
        page = self.client_for(self.editor).get(self.url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Gone but published")
        return form_data(page, Interview(pk=self.pk))

    def test_only_editors_see_the_recover_list(self):
        for user, status in [(self.author, 403), (self.staff, 403), (self.editor, 200)]:
            with self.subTest(user=user.groups.first().name):
                response = self.client_for(user).get(self.list_url)
                self.assertEqual(response.status_code, status)
                if status == 200:
                    self.assertContains(response, "Gone but published")
                else:
                    self.assertNotContains(response, "Gone but published", status_code=status)
        self.assertIn("/login/", self.client_for(None).get(self.list_url)["Location"])

    def test_recover_link_is_offered_to_editors_only(self):
        changelist = reverse("admin:interviews_interview_changelist")
        self.assertContains(self.client_for(self.editor).get(changelist), self.list_url)
        self.assertNotContains(self.client_for(self.author).get(changelist), self.list_url)

    def test_authors_expert_staff_and_anonymous_may_not_recover(self):
        data = self.recover_data()
        for user, status in [(self.author, 403), (self.staff, 403), (None, 302)]:
            client = self.client_for(user)
            for response in (client.get(self.url), client.post(self.url, data)):
                self.assertEqual(response.status_code, status)
        self.assertFalse(Interview.objects.filter(pk=self.pk).exists())
        self.assertFalse(LogEntry.objects.filter(object_id=str(self.pk)).exists())

    def test_editor_recovers_with_a_new_revision_and_a_log_entry(self):
        response = self.client_for(self.editor).post(self.url, self.recover_data())
        self.assertEqual(response.status_code, 302)
        interview = Interview.objects.get(pk=self.pk)
        self.assertEqual(interview.title, "Gone but published")
        latest = Version.objects.get_for_object(interview).order_by("-pk").first()
        self.assertEqual(Version.objects.get_for_object(interview).count(), 2)
        self.assertEqual(latest.revision.user, self.editor)
        entry = log_entries(interview).get()
        self.assertEqual(entry.user, self.editor)
        self.assertIn("Recovered the deleted interview", entry.get_change_message())

    def test_recovering_onto_an_address_taken_since_is_refused_with_a_message_and_changes_nothing(self):
        make_interview(title="Gone but published")
        response = self.client_for(self.editor).get(self.url, follow=True)
        self.assertContains(response, "Could not save")
        self.assertFalse(Interview.objects.filter(pk=self.pk).exists())

    def test_a_version_of_an_interview_that_exists_is_not_recovered(self):
        kept = make_draft(title="Still here")
        keep_revision(kept, self.editor)
        url = reverse("admin:interviews_interview_recover", args=[first_version(kept).pk])
        self.assertEqual(self.client_for(self.editor).get(url).status_code, 404)
