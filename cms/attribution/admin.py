from django.contrib import admin
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from cms.attribution.models import Republication, SourceNotice
from interviews.admin import InterviewAdmin


@admin.register(SourceNotice)
class SourceNoticeAdmin(admin.ModelAdmin):
    list_display = ["language", "text", "first_published_text"]
    fields = ["language", "text", "first_published_text"]


class RuleFilter(admin.SimpleListFilter):
    title = "source link rule"
    parameter_name = "rule"

    def lookups(self, request, model_admin):
        return [("broken", "Broken: no active link"), ("kept", "Kept: active link")]

    def queryset(self, request, queryset):
        if self.value() == "broken":
            return queryset.filter(link_status__in=Republication.BREAKS_RULE)
        if self.value() == "kept":
            return queryset.filter(link_status=Republication.LinkStatus.LINKED)
        return queryset


def _with_totals(queryset):
    return queryset.annotate(total_views=Sum("daily_views__count"))


class ReadOnlyMixin:
    """Republications are recorded by the counting image and the link check, never typed in."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Republication)
class RepublicationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["page", "interview", "views", "last_seen", "link_status", "checked_at"]
    list_filter = [RuleFilter, "link_status", "checked_at", "last_seen"]
    list_select_related = ["interview"]
    search_fields = ["page_url", "interview__title"]
    fields = [
        "interview",
        "page",
        "link_status",
        "checked_at",
        "check_detail",
        "first_seen",
        "last_seen",
        "views",
        "views_by_day",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return _with_totals(super().get_queryset(request))

    @admin.display(description="Page", ordering="page_url")
    def page(self, republication):
        return format_html(
            '<a href="{}" rel="noreferrer" target="_blank">{}</a>', *[republication.page_url] * 2
        )

    @admin.display(description="Views", ordering="total_views")
    def views(self, republication):
        return republication.total_views or 0

    @admin.display(description="Views in the last 30 days")
    def views_by_day(self, republication):
        days = republication.daily_views.all()[:30]
        if not days:
            return "None yet."
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td></tr>", ((d.day, d.count) for d in days))
        return format_html("<table><tr><th>Day</th><th>Views</th></tr>{}</table>", rows)


@admin.display(description="Republished on")
def republications(interview):
    """Return a table of the pages that republished interview, for its change page."""
    if interview.pk is None:
        return "Shown here once other sites republish it."
    republications = _with_totals(interview.republications.all())
    if not republications:
        return "No other site has shown it yet."
    rows = format_html_join(
        "",
        '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>',
        (
            (
                reverse("admin:attribution_republication_change", args=[r.pk]),
                r.page_url,
                r.total_views or 0,
                r.get_link_status_display(),
                date_format(timezone.localtime(r.checked_at), "j M Y") if r.checked_at else "—",
            )
            for r in republications
        ),
    )
    return format_html(
        "<table><tr><th>Page</th><th>Views</th><th>Link to us</th><th>Checked</th></tr>{}</table>", rows
    )


InterviewAdmin.show_in_fieldset("Reuse by other outlets", republications)
