from django.contrib import admin
from django.db import models
from django.db.models import Count, Prefetch
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from taggit.models import Tag

from interviews.forms import InterviewAdminForm
from interviews.models import Block, Expert, ExpertLink, Interview, InterviewExpert

TAG_SUGGESTION_LIMIT = 10


# Editors paste bare addresses; assume https as Django 6 will.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ExpertLinkInline(admin.TabularInline):
    model = ExpertLink
    formfield_overrides = URL_FIELDS
    extra = 0
    fields = ["label", "url", "order"]


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "affiliation", "interview_count", "updated_at"]
    search_fields = ["name", "position", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ExpertLinkInline]
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


class InterviewExpertInline(admin.TabularInline):
    model = InterviewExpert
    extra = 0
    autocomplete_fields = ["expert"]
    fields = ["expert", "role", "bio", "order"]


class BlockInline(admin.StackedInline):
    model = Block
    extra = 0
    fields = [("kind", "order", "anchor"), "text", ("image", "caption", "credit")]
    readonly_fields = ["anchor"]


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    form = InterviewAdminForm
    formfield_overrides = URL_FIELDS
    list_display = ["title", "state", "publish_at", "expert_names", "tag_names", "language"]
    list_filter = ["status", "language", ("experts", admin.RelatedOnlyFieldListFilter), "tags"]
    search_fields = ["title", "lead", "experts__name"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [InterviewExpertInline, BlockInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "language", "byline", "interviewer_label", "tags"]}),
        ("Publishing", {"fields": ["status", "publish_at"]}),
        ("Cover image", {"fields": ["cover_image", "cover_caption", "cover_credit"]}),
        ("Origin", {"fields": ["origin", "source_name", "source_url"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "tags",
                Prefetch(
                    "interview_experts",
                    queryset=InterviewExpert.objects.select_related("expert"),
                    to_attr="credited_experts",
                ),
            )
        )

    def get_urls(self):
        suggestions = path(
            "tag-suggestions/",
            self.admin_site.admin_view(self.tag_suggestions),
            name="interviews_interview_tag_suggestions",
        )
        return [suggestions, *super().get_urls()]

    def view_on_site(self, interview):
        return interview.get_absolute_url() if interview.is_public else None

    @admin.display(description="Status", ordering="status")
    def state(self, interview):
        if interview.status == Interview.Status.PUBLISHED and interview.publish_at > timezone.now():
            when = timezone.localtime(interview.publish_at).strftime("%d %b %Y %H:%M")
            return format_html('<span title="Not yet visible to readers">Scheduled for {}</span>', when)
        return interview.get_status_display()

    @admin.display(description="Experts")
    def expert_names(self, interview):
        return ", ".join(credit.expert.name for credit in interview.credited_experts)

    @admin.display(description="Tags")
    def tag_names(self, interview):
        return ", ".join(sorted(tag.name for tag in interview.tags.all()))

    def tag_suggestions(self, request):
        """Return existing tag names that match what the editor is typing."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"error": "You may not view interviews."}, status=403)
        term = request.GET.get("q", "").strip()[:100]
        names = []
        if term:
            names = list(
                Tag.objects.filter(name__icontains=term)
                .order_by("name")
                .values_list("name", flat=True)[:TAG_SUGGESTION_LIMIT]
            )
        return JsonResponse({"tags": names})
