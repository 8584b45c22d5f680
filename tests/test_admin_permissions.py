"""Every role against every admin URL, by GET and by POST (the team standard).

Each row names an admin URL and what each role gets on GET. A role that is refused must also
change nothing by POST; a role that is allowed must not meet a server error either way. Every
request runs in a savepoint that is rolled back, so rows do not disturb each other, and a test
fails when an admin URL exists that the table does not list.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from reversion.models import Version
from taggit.models import Tag
from taggit.utils import edit_string_for_tags

from cms.attribution.models import Republication, SourceNotice
from cms.reports.models import Correction
from cms.roles.definitions import AUTHORS, EDITORS, EXPERT_STAFF
from interviews.models import ExpertLink, Interview
from interviews.workflow import create_approval_request
from tests.builders import make_draft, make_expert, make_interview, make_user
from tests.reports.builders import BLOCKS, make_report
from tests.test_restore import keep_revision

LOGIN = "login"  # a redirect to the admin's login page
GONE = "gone"  # the admin's "does not exist" redirect to its index, as for a row outside the user's queryset
REFUSED = {LOGIN, GONE, 403, 404}
ROLES = ("anonymous", "author", "expert staff", "editor")
# Sessions change on every request and axes logs each login: neither is what a role may change.
UNWATCHED = {"sessions.session", "axes.accesslog", "axes.accessattempt", "axes.accessfailurelog"}

# URL name (with a label after a space where one view is tried on several rows): its arguments,
# and what GET answers (anonymous, author, expert staff, editor). Authors own "own" (a draft);
# "theirs" is an editor's published interview.
TABLE = {
    "index": ((), (LOGIN, 200, 200, 200)),
    "password_change": ((), (LOGIN, 200, 200, 200)),
    "password_change_done": ((), (LOGIN, 200, 200, 200)),
    "jsi18n": ((), (LOGIN, 200, 200, 200)),
    "autocomplete": ((), (LOGIN, 200, 200, 200)),
    "app_list interviews": (("interviews",), (LOGIN, 200, 200, 200)),
    "app_list reports": (("reports",), (LOGIN, 404, 404, 200)),
    "app_list auth": (("auth",), (LOGIN, 404, 404, 404)),
    "view_on_site own": ("site:own", (LOGIN, 302, 404, 302)),
    "view_on_site theirs_draft": ("site:theirs_draft", (LOGIN, 404, 404, 302)),
    # Interviews, with the views the project and django-reversion add.
    "interviews_interview_changelist": ((), (LOGIN, 200, 403, 200)),
    "interviews_interview_add": ((), (LOGIN, 200, 403, 200)),
    "interviews_interview_change own": ("own", (LOGIN, 200, 403, 200)),
    "interviews_interview_change theirs": ("theirs", (LOGIN, GONE, 403, 200)),
    "interviews_interview_delete own": ("own", (LOGIN, 403, 403, 200)),
    "interviews_interview_delete theirs": ("theirs", (LOGIN, 403, 403, 200)),
    "interviews_interview_history own": ("own", (LOGIN, 200, 404, 200)),
    "interviews_interview_history theirs": ("theirs", (LOGIN, 404, 404, 200)),
    "interviews_interview_revision own": ("own,own_version", (LOGIN, 200, 404, 200)),
    "interviews_interview_revision theirs": ("theirs,theirs_version", (LOGIN, 404, 404, 200)),
    "interviews_interview_compare own": ("own,own_version", (LOGIN, 200, 404, 200)),
    "interviews_interview_compare theirs": ("theirs,theirs_version", (LOGIN, 404, 404, 200)),
    "interviews_interview_recoverlist": ((), (LOGIN, 403, 403, 200)),
    "interviews_interview_recover": ("deleted_version", (LOGIN, 403, 403, 200)),
    "interviews_interview_transition own submit": ("own,submit", (LOGIN, 200, 403, 200)),
    "interviews_interview_transition theirs unpublish": ("theirs,unpublish", (LOGIN, 403, 403, 200)),
    "interviews_interview_approval_new": ("theirs", (LOGIN, 405, 405, 405)),
    "interviews_interview_approval_revoke": ("theirs,approval", (LOGIN, 405, 405, 405)),
    "interviews_interview_translation_checked": ("translation", (LOGIN, 405, 405, 405)),
    "interviews_interview_import": ((), (LOGIN, 200, 403, 200)),
    "interviews_interview_tag_suggestions": ((), (LOGIN, 200, 403, 200)),
    # Who else has the change page open (interviews/presence.py): whoever may change the interview.
    "interviews_interview_presence own": ("own", (LOGIN, 200, 404, 200)),
    "interviews_interview_presence theirs": ("theirs", (LOGIN, 404, 404, 200)),
    # An id that is no number is a missing interview, never a server error.
    "interviews_interview_change garbage": ("abc", (LOGIN, GONE, 403, GONE)),
    "interviews_interview_history garbage": ("abc", (LOGIN, 404, 404, 404)),
    "interviews_interview_revision garbage": ("abc,own_version", (LOGIN, 404, 404, 404)),
    "interviews_interview_compare garbage": ("abc,own_version", (LOGIN, 404, 404, 404)),
    "interviews_interview_transition garbage": ("abc,publish", (LOGIN, 404, 404, 404)),
    "interviews_interview_approval_new garbage": ("abc", (LOGIN, 405, 405, 405)),
    "interviews_interview_approval_revoke garbage": ("abc,approval", (LOGIN, 405, 405, 405)),
    "interviews_interview_translation_checked garbage": ("abc", (LOGIN, 405, 405, 405)),
    "interviews_interview_presence garbage": ("abc", (LOGIN, 404, 404, 404)),
    "reports_errorreport_apply garbage": ("abc", (LOGIN, 404, 404, 404)),
    # Experts: staff keep them, authors read them.
    "interviews_expert_changelist": ((), (LOGIN, 200, 200, 200)),
    "interviews_expert_add": ((), (LOGIN, 403, 200, 200)),
    "interviews_expert_change": ("expert", (LOGIN, 200, 200, 200)),
    "interviews_expert_delete": ("expert", (LOGIN, 403, 200, 200)),
    "interviews_expert_history": ("expert", (LOGIN, 200, 200, 200)),
    # Tags.
    "taggit_tag_changelist": ((), (LOGIN, 200, 403, 200)),
    "taggit_tag_add": ((), (LOGIN, 403, 403, 200)),
    "taggit_tag_change": ("tag", (LOGIN, 200, 403, 200)),
    "taggit_tag_delete": ("tag", (LOGIN, 403, 403, 200)),
    "taggit_tag_history": ("tag", (LOGIN, 200, 403, 200)),
    # Spelling reports and correction notes (cms/reports), with the apply page.
    "reports_errorreport_changelist": ((), (LOGIN, 403, 403, 200)),
    "reports_errorreport_add": ((), (LOGIN, 403, 403, 403)),
    "reports_errorreport_change": ("report", (LOGIN, 403, 403, 200)),
    "reports_errorreport_delete": ("report", (LOGIN, 403, 403, 200)),
    "reports_errorreport_history": ("report", (LOGIN, 403, 403, 200)),
    "reports_errorreport_apply": ("report", (LOGIN, 403, 403, 200)),
    "reports_correction_changelist": ((), (LOGIN, 403, 403, 200)),
    "reports_correction_add": ((), (LOGIN, 403, 403, 200)),
    "reports_correction_change": ("correction", (LOGIN, 403, 403, 200)),
    "reports_correction_delete": ("correction", (LOGIN, 403, 403, 200)),
    "reports_correction_history": ("correction", (LOGIN, 403, 403, 200)),
    # Source notices and republications (cms/attribution).
    "attribution_sourcenotice_changelist": ((), (LOGIN, 403, 403, 200)),
    "attribution_sourcenotice_add": ((), (LOGIN, 403, 403, 200)),
    "attribution_sourcenotice_change": ("notice", (LOGIN, 403, 403, 200)),
    "attribution_sourcenotice_delete": ("notice", (LOGIN, 403, 403, 200)),
    "attribution_sourcenotice_history": ("notice", (LOGIN, 403, 403, 200)),
    "attribution_republication_changelist": ((), (LOGIN, 403, 403, 200)),
    "attribution_republication_add": ((), (LOGIN, 403, 403, 403)),
    "attribution_republication_change": ("republication", (LOGIN, 403, 403, 200)),
    "attribution_republication_delete": ("republication", (LOGIN, 403, 403, 200)),
    "attribution_republication_history": ("republication", (LOGIN, 403, 403, 200)),
    # Accounts and login records: administrators only, none of the newsroom roles.
    "auth_user_changelist": ((), (LOGIN, 403, 403, 403)),
    "auth_user_add": ((), (LOGIN, 403, 403, 403)),
    "auth_user_change": ("user", (LOGIN, 403, 403, 403)),
    "auth_user_delete": ("user", (LOGIN, 403, 403, 403)),
    "auth_user_history": ("user", (LOGIN, 403, 403, 403)),
    "auth_user_password_change": ("user", (LOGIN, 403, 403, 403)),
    "auth_group_changelist": ((), (LOGIN, 403, 403, 403)),
    "auth_group_add": ((), (LOGIN, 403, 403, 403)),
    "auth_group_change": ("group", (LOGIN, 403, 403, 403)),
    "auth_group_delete": ("group", (LOGIN, 403, 403, 403)),
    "auth_group_history": ("group", (LOGIN, 403, 403, 403)),
    **{
        f"axes_{model}_{view}": (() if view in ("changelist", "add") else model, (LOGIN, 403, 403, 403))
        for model in ("accessattempt", "accesslog", "accessfailurelog")
        for view in ("changelist", "add", "change", "delete", "history")
    },
    # Background job records: superusers only; editors see failed jobs on the desk.
    **{
        f"django_tasks_database_dbtaskresult_{view}": (
            () if view in ("changelist", "add") else "taskresult",
            (LOGIN, 403, 403, 403),
        )
        for view in ("changelist", "add", "change", "delete", "history")
    },
}
# Reached only by logging in or out, which every visitor may do.
NOT_IN_TABLE = {"login", "logout"}

# What a browser would send besides the form the editor is shown, per URL name.
POST_EXTRA = {
    "interviews_interview_add": {"title": "Slipped in", "slug": "slipped-in", "language": "en"},
    "interviews_expert_add": {"name": "Slipped In", "slug": "slipped-in"},
    "taggit_tag_add": {"name": "Slipped", "slug": "slipped"},
    "reports_correction_add": {"text": "Slipped in.", "date": "2024-01-01"},
    "attribution_sourcenotice_add": {"language": "de", "text": "Quelle: {link}"},
    "auth_user_add": {
        "username": "slipped",
        "password1": "a-long-pass-phrase",
        "password2": "a-long-pass-phrase",
    },
    "auth_user_password_change": {"password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
    "auth_group_add": {"name": "Slipped"},
    "password_change": {
        "old_password": "a-long-test-password",
        "new_password1": "another-long-pass-phrase",
        "new_password2": "another-long-pass-phrase",
    },
    "interviews_interview_transition": {"note": "Moved by a test."},
}


def admin_url_names():
    """Return the name of every URL the admin site serves."""
    names = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(pattern.name)

    walk(admin.site.get_urls())
    return names


def form_data(response, extra):
    """Return the data of the admin form a response shows, as a browser would send it back."""
    context = response.context
    forms_shown = []
    if context and "adminform" in context:
        forms_shown.append(("", context["adminform"].form))
        for inline in context.get("inline_admin_formsets", []):
            formset = inline.formset
            forms_shown.append(("", formset.management_form))
            forms_shown += [(f"{formset.prefix}-{i}-", f) for i, f in enumerate(formset.forms)]
    elif context and "form" in context and isinstance(context["form"], forms.BaseForm):
        forms_shown.append(("", context["form"]))
    data = {}
    for prefix, form in forms_shown:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or field.disabled or isinstance(field, forms.FileField):
                continue
            key = f"{prefix}{name}" if prefix else form.add_prefix(name)
            if isinstance(field, forms.SplitDateTimeField):
                local = timezone.localtime(value) if hasattr(value, "tzinfo") else value
                data[f"{key}_0"], data[f"{key}_1"] = local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")
            elif name == "tags" and not isinstance(value, str):
                data[key] = edit_string_for_tags(value)
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            else:
                data[key] = value
    return {**data, **extra}


def snapshot():
    """Return every row of every table a role could change, as plain values."""
    rows = {}
    for model in apps.get_models():
        if model._meta.label_lower not in UNWATCHED:
            rows[model._meta.label_lower] = list(model._default_manager.order_by("pk").values())
    return rows


class AdminPermissionTableTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.author = make_user(groups=[AUTHORS])
        cls.staff = make_user(groups=[EXPERT_STAFF])
        cls.editor = make_user(groups=[EDITORS])
        cls.expert = make_expert()
        ExpertLink.objects.create(expert=cls.expert, label="Site", url="https://example.org/")
        own = make_draft(title="Own draft", created_by=cls.author, experts=[cls.expert])
        keep_revision(own, cls.author)
        theirs = make_interview(
            title="Their interview",
            created_by=cls.editor,
            blocks=BLOCKS,
            tags=["Water"],
            experts=[cls.expert],
        )
        keep_revision(theirs, cls.editor)
        theirs_draft = make_draft(title="Their draft", created_by=cls.editor)
        translation = make_interview(
            title="Перевод", language="ru", translation_of=theirs, created_by=cls.editor
        )
        gone = make_interview(title="Deleted one", created_by=cls.editor)
        keep_revision(gone, cls.editor)
        gone.delete()
        report = make_report(theirs, selection="shraed", before="have ", after=" the river", comment="shared")
        cls.objects = {
            "own": own,
            "theirs": theirs,
            "theirs_draft": theirs_draft,
            "translation": translation,
            "own_version": Version.objects.get_for_object(own).get(),
            "theirs_version": Version.objects.get_for_object(theirs).get(),
            "deleted_version": Version.objects.get_deleted(Interview).get(),
            "approval": create_approval_request(theirs, cls.editor),
            "expert": cls.expert,
            "tag": Tag.objects.get(name="Water"),
            "report": report,
            "correction": Correction.objects.create(
                interview=theirs, text="A date was wrong.", report=report
            ),
            "notice": SourceNotice.objects.first()
            or SourceNotice.objects.create(language="en", text="{link}"),
            "republication": Republication.objects.create(
                interview=theirs, page_url="https://blog.example/a"
            ),
            "user": cls.editor,
            "group": Group.objects.get(name=EDITORS),
            "accessattempt": AccessAttempt.objects.create(
                username="x", ip_address="192.0.2.1", failures_since_start=1
            ),
            "accesslog": AccessLog.objects.create(username="x", ip_address="192.0.2.1"),
            "accessfailurelog": AccessFailureLog.objects.create(username="x", ip_address="192.0.2.1"),
            "taskresult": DBTaskResult.objects.create(
                status="FAILED",
                args_kwargs={"args": [], "kwargs": {}},
                task_path="interviews.tasks.refresh_neighbours",
                backend_name="default",
                run_after=timezone.now(),
            ),
        }

    def setUp(self):
        self.log_in()

    def log_in(self):
        """Give each role a fresh session (a rolled-back password change takes the old one away)."""
        self.clients = {}
        for role, user in zip(ROLES, (None, self.author, self.staff, self.editor), strict=True):
            client = Client()
            if user is not None:
                client.force_login(user)
            self.clients[role] = client

    def url(self, label, spec):
        name = label.split(" ")[0]
        if isinstance(spec, str) and spec.startswith("site:"):
            obj = self.objects[spec.removeprefix("site:")]
            args = [ContentType.objects.get_for_model(obj).pk, obj.pk]
        elif isinstance(spec, str):
            args = [self.objects[part].pk if part in self.objects else part for part in spec.split(",")]
        else:
            args = list(spec)
        url = reverse(f"admin:{name}", args=args)
        if name == "autocomplete":
            url += "?app_label=interviews&model_name=interviewexpert&field_name=expert&term=Expert"
        return url

    def outcome(self, response):
        if response.status_code == 302:
            location = response["Location"]
            if "/login/" in location:
                return LOGIN
            if location == reverse("admin:index"):
                return GONE
        return response.status_code

    def post_data(self, label, url):
        """Return what the editor's browser would post to this URL."""
        name = label.split(" ")[0]
        extra = POST_EXTRA.get(name, {})
        if name.endswith("_delete"):
            return {"post": "yes", **extra}
        if name.endswith("_changelist"):
            return {"action": "delete_selected", "post": "yes", "_selected_action": self.all_pks(name)}
        with transaction.atomic():
            response = self.clients["editor"].get(url)
            transaction.set_rollback(True)
        return form_data(response, extra) if response.status_code == 200 else extra

    def all_pks(self, name):
        # App labels may hold underscores ("django_tasks_database"); model names never do here.
        app_label, model_name = name.rsplit("_", 1)[0].rsplit("_", 1)
        model = apps.get_model(app_label, model_name)
        return [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]

    def attempt(self, client, method, url, data=None, watch=True):
        """Make one request in a savepoint rolled back after it; return its outcome and if rows changed."""
        with transaction.atomic():
            before = snapshot() if watch else None
            response = client.get(url) if method == "GET" else client.post(url, data)
            changed = watch and snapshot() != before
            transaction.set_rollback(True)
        return self.outcome(response), changed

    def check_rows(self, *prefixes):
        for label, (spec, expected) in TABLE.items():
            if not label.startswith(prefixes):
                continue
            self.log_in()
            url = self.url(label, spec)
            data = self.post_data(label, url)
            for role, want in zip(ROLES, expected, strict=True):
                client = self.clients[role]
                with self.subTest(label, role=role, method="GET"):
                    got, changed = self.attempt(client, "GET", url)
                    self.assertEqual(got, want)
                    self.assertFalse(changed, "a GET changed rows")
                refused = want in REFUSED or (want == 405 and role != "editor")
                with self.subTest(label, role=role, method="POST"):
                    got, changed = self.attempt(client, "POST", url, data, watch=refused)
                    self.assertNotEqual(got, 500)
                    if refused:
                        self.assertIn(got, REFUSED)
                        self.assertFalse(changed, "a refused POST changed rows")

    def test_every_admin_url_is_in_the_table(self):
        listed = {label.split(" ")[0] for label in TABLE}
        self.assertEqual(admin_url_names() - NOT_IN_TABLE - listed, set())

    def test_interview_urls(self):
        self.check_rows("interviews_interview")

    def test_expert_tag_and_site_urls(self):
        self.check_rows(
            "interviews_expert",
            "taggit",
            "index",
            "password",
            "jsi18n",
            "autocomplete",
            "app_list",
            "view_on_site",
        )

    def test_report_and_attribution_urls(self):
        self.check_rows("reports", "attribution")

    def test_account_and_login_record_urls(self):
        self.check_rows("auth", "axes", "django_tasks_database")


class TagMergeTests(TestCase):
    """taggit's merge page checked no permission and retagged none of our interviews: it is gone."""

    def test_no_role_can_create_or_merge_tags_through_it(self):
        url = reverse("admin:taggit_tag_changelist") + "merge-tags/"
        for group in (AUTHORS, EXPERT_STAFF, EDITORS):
            with self.subTest(group):
                self.client.force_login(make_user(groups=[group]))
                response = self.client.post(url, {"new_tag_name": "Merged"})
                self.assertIn(response.status_code, {302, 403, 404})
                self.assertFalse(Tag.objects.filter(name="Merged").exists())

    def test_merge_action_is_not_offered(self):
        self.client.force_login(make_user(groups=[EDITORS]))
        response = self.client.get(reverse("admin:taggit_tag_changelist"))
        self.assertNotContains(response, "render_tag_form")
