import reversion
from django.contrib import admin, messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion.admin import VersionAdmin

from interviews import admin_import, admin_tags, admin_workflow
from interviews.admin_editing import EditingSafetyMixin
from interviews.admin_inlines import BlockInline, InterviewExpertInline
from interviews.forms import InterviewAdminForm, RichTextWidget
from interviews.models import (
    DERIVED_COLUMNS,
    Block,
    Expert,
    ExpertLink,
    ExpertTranslation,
    Interview,
    InterviewExpert,
    TaggedInterview,
)
from interviews.workflow import (
    allowed_transitions,
    can_edit,
    can_preview,
    can_recover,
    is_publisher,
)

# Editors paste bare addresses; assume https as Django 6 will.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class RichTextBio:
    """The full bio keeps paragraphs and links, so it is written in the blocks' editor: no HTML to type."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "bio":
            kwargs["widget"] = RichTextWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ExpertTranslationInline(RichTextBio, admin.StackedInline):
    model = ExpertTranslation
    extra = 0
    fields = [("language", "name"), ("position", "affiliation"), "short_bio", "bio"]


class ExpertLinkInline(admin.TabularInline):
    model = ExpertLink
    formfield_overrides = URL_FIELDS
    extra = 0
    fields = ["label", "url", "order"]


@admin.register(Expert)
class ExpertAdmin(RichTextBio, admin.ModelAdmin):
    list_display = ["name", "position", "affiliation", "interview_count", "updated_at"]
    search_fields = ["name", "position", "affiliation"]
    # The autocomplete in interviews pages through experts, which needs an order.
    ordering = ["name", "pk"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ExpertTranslationInline, ExpertLinkInline]

    fieldsets = [
        (None, {"fields": ["name", "slug", "position", "affiliation"]}),
        ("Biography", {"fields": ["short_bio", "bio"]}),
        ("Photo", {"fields": ["photo", "photo_credit"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(interview_count=Count("interviews", distinct=True))

    @admin.display(description="Interviews", ordering="interview_count")
    def interview_count(self, expert):
        return expert.interview_count


# Revisions keep an interview's content with its blocks, experts and tags, not what is derived
# from them (search columns, the rendered body). Restoring one leaves the workflow state and the
# derived columns as they are now (see keep_workflow_state in signals.py).
reversion.register(Block)
reversion.register(InterviewExpert)
reversion.register(TaggedInterview)
reversion.register(
    Interview,
    follow=["blocks", "interview_experts", "taggedinterview_set"],
    exclude=DERIVED_COLUMNS,
)


class VisibilityFilter(admin.SimpleListFilter):
    title = "visibility"
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("live", "Readers see it"), ("scheduled", "Scheduled"), ("hidden", "Not public")]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "hidden":
            return queryset.exclude(pk__in=Interview.objects.published().values("pk"))
        return queryset


class TranslationFilter(admin.SimpleListFilter):
    title = "translation"
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [("outdated", "Original changed since last check"), ("any", "Is a translation")]

    def queryset(self, request, queryset):
        if self.value() == "outdated":
            return queryset.outdated_translations()
        if self.value() == "any":
            return queryset.filter(translation_of__isnull=False)
        return queryset


@admin.register(Interview)
class InterviewAdmin(EditingSafetyMixin, VersionAdmin):
    form = InterviewAdminForm
    change_form_template = "admin/interviews/interview/change_form.html"
    change_list_template = "admin/interviews/interview/change_list.html"
    formfield_overrides = URL_FIELDS
    list_display = ["title", "state", "publish_at", "expert_names", "tag_names", "language"]
    list_filter = [
        "status",
        VisibilityFilter,
        TranslationFilter,
        "language",
        ("experts", admin.RelatedOnlyFieldListFilter),
        "tags",
    ]
    search_fields = ["title", "lead", "experts__name"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [InterviewExpertInline, BlockInline]
    readonly_fields = ["status_line", "status_history", "translation_state"]
    autocomplete_fields = ["translation_of"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "lead",
                    "language",
                    "byline",
                    "interviewer_label",
                    "tags",
                    "edit_version",
                ]
            },
        ),
        ("Publishing", {"fields": ["status_line", "publish_at", "status_history"]}),
        ("Cover image", {"fields": ["cover_image", "cover_caption", "cover_credit"]}),
        ("Translation", {"fields": ["translation_of", "translation_state"]}),
        ("Origin", {"fields": ["origin", "source_name", "source_url", "canonical_to_source"]}),
        ("Reuse by other outlets", {"fields": ["republishing_allowed"]}),
    ]

    @classmethod
    def show_in_fieldset(cls, fieldset, display):
        """Show display(interview), an @admin.display function, read-only at the end of a fieldset.

        The hook for apps that plug into interviews (cms.attribution's admin.py adds where an
        interview was republished): interviews imports none of them.
        """
        name = display.__name__
        if hasattr(cls, name) or fieldset not in [title for title, _options in cls.fieldsets]:
            raise ImproperlyConfigured(
                f"No fieldset {fieldset!r}, or {name!r} is taken, on the interview admin."
            )
        setattr(cls, name, staticmethod(display))
        cls.readonly_fields = [*cls.readonly_fields, name]
        cls.fieldsets = [
            (title, {**options, "fields": [*options["fields"], name]})
            if title == fieldset
            else (title, options)
            for title, options in cls.fieldsets
        ]

    def get_queryset(self, request):
        interviews = super().get_queryset(request)
        if not is_publisher(request.user):
            interviews = interviews.filter(created_by=request.user)
        return interviews.without_search_columns().with_credits().prefetch_related("tags")

    def get_object(self, request, object_id, from_field=None):
        # Without the list's prefetches: the change form reads credits and tags through its own fields.
        interviews = self.get_queryset(request).prefetch_related(None)
        field = Interview._meta.pk if from_field is None else Interview._meta.get_field(from_field)
        try:
            return interviews.get(**{field.name: field.to_python(object_id)})
        except (Interview.DoesNotExist, ValidationError, ValueError):
            return None

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not is_publisher(request.user):
            readonly.append("publish_at")
        return readonly

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit(request.user, obj))

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or can_preview(request.user, obj) or can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or is_publisher(request.user))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_publisher(request.user):
            actions.pop("publish_selected", None)
            actions.pop("unpublish_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        if obj.translation_of_id and "translation_of" in form.changed_data:
            # Linking a translation states that it matches the original as it is now.
            obj.translation_checked_at = timezone.now()
        if not change:
            obj.created_by = request.user
        else:
            obj.version = form.cleaned_data["edit_version"] + 1
        obj.updated_by = request.user
        switching_off = obj.republishing_allowed and obj._becomes_partner()
        if change:
            # The revision the save writes follows the credits and topics and names each by its
            # expert and tag: two queries here rather than one for each of them.
            prefetch_related_objects(
                [obj],
                Prefetch("interview_experts", InterviewExpert.objects.select_related("expert")),
                Prefetch("taggedinterview_set", TaggedInterview.objects.select_related("tag")),
            )
        super().save_model(request, obj, form, change)
        if switching_off:
            message = "Republishing is off, as for all partner material; switch it on if the partner allows."
            self.message_user(request, message, messages.WARNING)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        request.shows_workflow = True  # the panel render_change_form adds, only when the page is shown
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if getattr(request, "shows_workflow", False) and obj is not None:
            can_share = is_publisher(request.user) and request.user.has_perm("interviews.add_approvalrequest")
            workflow = {
                "transitions": allowed_transitions(request.user, obj),
                "can_preview": can_preview(request.user, obj),
                "can_share": can_share,
                # Share links let whoever holds them answer as the expert: editors only.
                "approvals": admin_workflow.approvals_for(request, obj) if can_share else [],
                "interview_experts": obj.interview_experts.select_related("expert"),
            }
            context = {**workflow, **context}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        context = {"can_recover": can_recover(request.user), **(extra_context or {})}
        return super().changelist_view(request, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        interview, version = admin_workflow.revision_to_restore(request, self, object_id, version_id)
        # The revision is written to the database before the form is built; remember the
        # version the editor is really looking at, so their save is checked against it.
        request.interview_version = interview.version
        request.restore_note = admin_workflow.restore_note(version)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not can_recover(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = admin_workflow.deleted_version(request, version_id)
        request.restore_note = admin_workflow.restore_note(version, recovering=True)
        return super().recover_view(request, version_id, extra_context)

    def construct_change_message(self, request, form, formsets, add=False):
        # A restore saves the form as the revision filled it, so the log says what really happened.
        note = getattr(request, "restore_note", None)
        return note or super().construct_change_message(request, form, formsets, add)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.base_version = getattr(request, "interview_version", None)
        return form

    def history_view(self, request, object_id, extra_context=None):
        return admin_workflow.history_view(request, self, object_id)

    @admin.action(description="Publish selected interviews", permissions=["change"])
    def publish_selected(self, request, queryset):
        return self._bulk_transition(request, queryset, "publish")

    @admin.action(description="Unpublish selected interviews", permissions=["change"])
    def unpublish_selected(self, request, queryset):
        return self._bulk_transition(request, queryset, "unpublish")

    actions = ["publish_selected", "unpublish_selected"]

    def _bulk_transition(self, request, queryset, name):
        return admin_workflow.bulk_transition(request, self, queryset, name)

    def get_urls(self):
        suggestions = path(
            "tag-suggestions/",
            self.admin_site.admin_view(self.tag_suggestions),
            name="interviews_interview_tag_suggestions",
        )
        transcript_import = path(
            "import/",
            self.admin_site.admin_view(self.import_transcript),
            name="interviews_interview_import",
        )
        workflow = [
            path(
                "<path:object_id>/status/<str:name>/",
                self.admin_site.admin_view(self.transition),
                name="interviews_interview_transition",
            ),
            path(
                "<path:object_id>/approval/new/",
                self.admin_site.admin_view(self.create_approval),
                name="interviews_interview_approval_new",
            ),
            path(
                "<path:object_id>/approval/<int:approval_id>/revoke/",
                self.admin_site.admin_view(self.revoke_approval),
                name="interviews_interview_approval_revoke",
            ),
            path(
                "<path:object_id>/translation/checked/",
                self.admin_site.admin_view(self.translation_checked),
                name="interviews_interview_translation_checked",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/changes/",
                self.admin_site.admin_view(self.compare),
                name="interviews_interview_compare",
            ),
        ]
        return [suggestions, transcript_import, *workflow, *super().get_urls()]

    def transition(self, request, object_id, name):
        return admin_workflow.transition_view(request, self, object_id, name)

    def create_approval(self, request, object_id):
        return admin_workflow.create_approval_view(request, self, object_id)

    def revoke_approval(self, request, object_id, approval_id):
        return admin_workflow.revoke_approval_view(request, self, object_id, approval_id)

    def translation_checked(self, request, object_id):
        return admin_workflow.translation_checked_view(request, self, object_id)

    def compare(self, request, object_id, version_id):
        return admin_workflow.compare_view(request, self, object_id, version_id)

    def import_transcript(self, request):
        return admin_import.import_transcript(request, self)

    def view_on_site(self, interview):
        return interview.get_absolute_url() if interview.is_public else None

    @admin.display(description="Status", ordering="status")
    def state(self, interview):
        if interview.is_scheduled:
            when = timezone.localtime(interview.publish_at).strftime("%d %b %Y %H:%M")
            return format_html('<span title="Not yet visible to readers">Scheduled for {}</span>', when)
        return interview.get_status_display()

    @admin.display(description="Status")
    def status_line(self, interview):
        if interview.pk is None:
            return "Draft (new interviews start as drafts)"
        state = self.state(interview)
        if not interview.status_changed_at:
            return state
        who = interview.status_changed_by.get_username() if interview.status_changed_by else "someone"
        when = timezone.localtime(interview.status_changed_at).strftime("%d %b %Y %H:%M")
        return format_html("{} — since {}, by {}", state, when, who)

    @admin.display(description="Translation state")
    def translation_state(self, interview):
        if interview.pk is None or interview.translation_of_id is None:
            return "Not a translation."
        original = interview.translation_of
        if not interview.translation_outdated:
            checked = timezone.localtime(interview.translation_checked_at).strftime("%d %b %Y %H:%M")
            return f"Matches the original as checked on {checked}."
        changed = timezone.localtime(original.updated_at).strftime("%d %b %Y %H:%M")
        url = reverse("admin:interviews_interview_translation_checked", args=[interview.pk])
        return format_html(
            '<strong class="approval-outdated">Possibly out of date:</strong> the original changed on {}. '
            '<button type="submit" form="translation-checked" formaction="{}" class="button">'
            "I checked it: the translation is current</button>",
            changed,
            url,
        )

    @admin.display(description="Status history")
    def status_history(self, interview):
        if interview.pk is None:
            return "—"
        rows = [
            (
                timezone.localtime(change.changed_at).strftime("%d %b %Y %H:%M"),
                change.changed_by.get_username() if change.changed_by else "—",
                change.get_from_status_display(),
                change.get_to_status_display(),
                f" — {change.note}" if change.note else "",
            )
            for change in interview.status_changes.select_related("changed_by")[:20]
        ]
        if not rows:
            return "No status changes yet."
        items = format_html_join("", "<li>{}: {} moved it from {} to {}{}</li>", rows)
        return format_html('<ul class="status-history">{}</ul>', items)

    @admin.display(description="Experts")
    def expert_names(self, interview):
        return ", ".join(credit.expert.name for credit in interview.credited_experts)

    @admin.display(description="Tags")
    def tag_names(self, interview):
        return ", ".join(sorted(tag.name for tag in interview.tags.all()))

    def tag_suggestions(self, request):
        return admin_tags.tag_suggestions(request, self)
