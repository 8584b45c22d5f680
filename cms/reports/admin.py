import re

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode

from cms.reports.models import Correction, CorrectionRefused, ErrorReport
from cms.reports.notifications import close_for_reader, notify_editors
from interviews.models import Interview

LIST_CONTEXT = 60
# Where a sentence ends: its mark, any closing quote or bracket, then a space.
SENTENCE_END = re.compile(r"[.!?…][\"”’»)\]]*\s+")


def in_context(report, width=None):
    """Return the selection highlighted inside its surrounding words, escaped."""
    before, after = report.context_before, report.context_after
    if width:
        before = ("…" + before[-width:]) if len(before) > width else before
        after = (after[:width] + "…") if len(after) > width else after
    return format_html(
        '<span class="report-context">{}<mark>{}</mark>{}</span>', before, report.selection, after
    )


def sentence_around(plan, selection):
    """Return the words before and after the selection in its sentence, and whether either end is cut."""
    shown = plan.part.shown
    start = shown.index(selection)
    before, after = plan.before, plan.after
    ends = list(SENTENCE_END.finditer(before))
    if ends:
        before, cut_before = before[ends[-1].end() :], False
    else:
        cut_before = start > len(before)
        if cut_before and " " in before:
            before = before[before.index(" ") + 1 :]  # no half word at the start
    end = SENTENCE_END.search(after)
    if end:
        after, cut_after = after[: end.start() + len(end.group().rstrip())], False
    else:
        cut_after = start + len(selection) + len(after) < len(shown)
        if cut_after and " " in after:
            after = after[: after.rindex(" ")]
    return {"before": before, "cut_before": cut_before, "after": after, "cut_after": cut_after}


class ErrorReportForm(forms.ModelForm):
    class Meta:
        model = ErrorReport
        fields = ["status", "suggestion"]

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == ErrorReport.Status.NEW and ErrorReport.objects.open().filter(
            fingerprint=self.instance.fingerprint
        ).exclude(pk=self.instance.pk):
            raise forms.ValidationError("An identical report is open already; it counts this one.")
        return status


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    form = ErrorReportForm
    list_display = [
        "selection_in_context",
        "comment_excerpt",
        "count",
        "interview",
        "status",
        "on_page",
        "editors_notified",
        "last_reported_at",
        "page_link",
    ]
    list_filter = [
        "status",
        ("interview", admin.RelatedOnlyFieldListFilter),
        "created_at",
        "text_still_present",
        # Empty while the email about a report has not gone out, e.g. because the mail server was down.
        ("notified_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["interview"]
    search_fields = ["selection", "comment", "interview__title"]
    date_hierarchy = "created_at"
    actions = ["mark_fixed", "mark_rejected", "mark_duplicate", "email_editors"]
    readonly_fields = [
        "selection_in_context",
        "page_link",
        "interview",
        "block",
        "comment",
        "apply_link",
        "correction_link",
        "count",
        "text_still_present",
        "handled_by",
        "handled_at",
        "reporter_email",
        "client_hash",
        "created_at",
        "last_reported_at",
        "notified_at",
    ]
    fieldsets = [
        (None, {"fields": ["selection_in_context", "page_link", "interview", "block", "comment"]}),
        ("Correction", {"fields": ["suggestion", "apply_link", "correction_link"]}),
        ("Triage", {"fields": ["status", "count", "text_still_present", "handled_by", "handled_at"]}),
        (
            "Reader",
            {"fields": ["reporter_email", "client_hash", "created_at", "last_reported_at", "notified_at"]},
        ),
    ]

    class Media:
        css = {"all": ["reports/admin.css"]}

    def has_add_permission(self, request):
        return False

    def may_apply(self, request):
        """Return whether the user may apply suggestions: change reports and the text of interviews."""
        user = request.user
        return self.has_change_permission(request) and (
            user.has_perm("interviews.change_block") or user.has_perm("interviews.change_interview")
        )

    def get_list_display(self, request):
        if not self.may_apply(request):
            return self.list_display
        # Before the page link: the last column keeps the short one.
        return [*self.list_display[:-1], "apply_button", self.list_display[-1]]

    def get_urls(self):
        apply = path(
            "<path:object_id>/apply/",
            self.admin_site.admin_view(self.apply_view),
            name="reports_errorreport_apply",
        )
        return [apply, *super().get_urls()]

    @admin.display(description="Reported text")
    def selection_in_context(self, report):
        return in_context(report, width=LIST_CONTEXT)

    @admin.display(description="Comment")
    def comment_excerpt(self, report):
        return report.comment if len(report.comment) <= 120 else report.comment[:119] + "…"

    @admin.display(description="On page", boolean=True, ordering="text_still_present")
    def on_page(self, report):
        return report.text_still_present

    @admin.display(description="Editors emailed", boolean=True, ordering="notified_at")
    def editors_notified(self, report):
        return report.notified_at is not None

    @admin.display(description="Public page")
    def page_link(self, report):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Show on the page</a>', report.get_absolute_url()
        )

    @admin.display(description="Apply")
    def apply_link(self, report):
        if report.status != ErrorReport.Status.NEW or not report.suggestion:
            return "Needs an open report with a suggested correction."
        url = reverse("admin:reports_errorreport_apply", args=[report.pk])
        return format_html('<a class="button" href="{}">Apply the suggested correction…</a>', url)

    @admin.display(description="Suggestion")
    def apply_button(self, report):
        if report.status != ErrorReport.Status.NEW or not report.suggestion:
            return ""
        url = reverse("admin:reports_errorreport_apply", args=[report.pk])
        return format_html(
            '<span class="report-suggestion">{}</span> <a class="button report-apply" href="{}">'
            'Apply the suggestion<span class="visually-hidden">: “{}” to “{}”</span></a>',
            report.suggestion,
            url,
            report.selection,
            report.suggestion,
        )

    @admin.display(description="Public note")
    def correction_link(self, report):
        query = urlencode({"interview": report.interview_id, "report": report.pk})
        url = reverse("admin:reports_correction_add") + "?" + query
        return format_html(
            '<a href="{}">Add a correction note to the interview</a> (for a wrong name, date or figure)', url
        )

    def save_model(self, request, report, form, change):
        if "status" in form.changed_data:
            self._handled(request, report)
        super().save_model(request, report, form, change)
        if "status" in form.changed_data and report.status != ErrorReport.Status.NEW:
            close_for_reader(report)

    @admin.action(description="Mark as fixed", permissions=["change"])
    def mark_fixed(self, request, queryset):
        self._close(request, queryset, ErrorReport.Status.FIXED)

    @admin.action(description="Mark as rejected", permissions=["change"])
    def mark_rejected(self, request, queryset):
        self._close(request, queryset, ErrorReport.Status.REJECTED)

    @admin.action(description="Mark as duplicate", permissions=["change"])
    def mark_duplicate(self, request, queryset):
        self._close(request, queryset, ErrorReport.Status.DUPLICATE)

    @admin.action(description="Email the editors about these reports", permissions=["change"])
    def email_editors(self, request, queryset):
        reports = list(queryset.select_related("interview"))
        if notify_editors(reports, request):
            self.message_user(
                request, f"Emailed the editors about {len(reports)} report(s).", messages.SUCCESS
            )
        else:
            self.message_user(
                request,
                "The email could not be sent (see the log); the reports still show as not emailed.",
                messages.ERROR,
            )

    def apply_view(self, request, object_id):
        """Show the suggested correction before and after; on confirmation, change the text."""
        report = self.get_object(request, object_id)  # a number, which admin quoting leaves as it is
        if report is None:
            raise Http404("No such report.")
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        refusal = plan = None
        try:
            plan = report.plan_correction()
        except CorrectionRefused as error:
            refusal = str(error)
        if plan is not None:
            target = plan.part.obj._meta
            if not request.user.has_perm(f"{target.app_label}.change_{target.model_name}"):
                refusal, plan = "You may not change this part of the interview.", None
        change_url = reverse("admin:reports_errorreport_change", args=[report.pk])
        if request.method == "POST" and plan is not None:
            # The correction is an edit like any other: a revision History can compare and restore.
            with transaction.atomic(), reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(
                    f"{request.user.get_username()} applied the correction suggested in reader report "
                    f"#{report.pk}: “{report.selection}” → “{report.suggestion}”."
                )
                plan.apply()
                reversion.add_to_revision(Interview.objects.get(pk=report.interview_id))
                report.status = ErrorReport.Status.FIXED
                self._handled(request, report)
                report.save(update_fields=["status", "handled_by", "handled_at"])
            message = f"Applied the suggested correction: “{report.selection}” → “{report.suggestion}”."
            self.log_change(request, report.interview, message)
            self.log_change(request, report, message)
            close_for_reader(report)
            self.message_user(request, message, messages.SUCCESS)
            return redirect(change_url)
        if request.method == "POST":
            self.message_user(request, refusal, messages.ERROR)
        context = {
            **self.admin_site.each_context(request),
            "title": "Apply the suggested correction",
            "opts": self.opts,
            "report": report,
            "plan": plan,
            "sentence": sentence_around(plan, report.selection) if plan else None,
            "refusal": refusal,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/reports/errorreport/apply_correction.html", context)

    def _handled(self, request, report):
        report.handled_by = request.user
        report.handled_at = timezone.now()

    def _close(self, request, queryset, status):
        reports = list(queryset.select_related("interview"))
        for report in reports:
            report.status = status
            self._handled(request, report)
        ErrorReport.objects.bulk_update(reports, ["status", "handled_by", "handled_at"])
        for report in reports:
            self.log_change(request, report, f"Marked {report.get_status_display().lower()}.")
            close_for_reader(report)
        label = ErrorReport.Status(status).label.lower()
        self.message_user(request, f"{len(reports)} report(s) marked {label}.", messages.SUCCESS)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["interview", "date", "text_excerpt", "created_by"]
    list_filter = ["date"]
    list_select_related = ["interview", "created_by"]
    search_fields = ["text", "interview__title"]
    autocomplete_fields = ["interview", "report"]
    fields = ["interview", "date", "text", "report"]

    @admin.display(description="Note")
    def text_excerpt(self, correction):
        return correction.text if len(correction.text) <= 100 else correction.text[:99] + "…"

    def save_model(self, request, correction, form, change):
        if not correction.created_by_id:
            correction.created_by = request.user
        super().save_model(request, correction, form, change)
