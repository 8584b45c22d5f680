from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from cms.reports.text import (
    Part,
    fingerprint,
    page_parts,
    page_text,
    replace_once,
    text_fragment,
)
from interviews.models import Block, Interview, user_reference

COMMENT_LIMIT = 4000
PREVIEW_CONTEXT = 120


def with_page_text(interviews):
    """Return interviews with every row their page's text comes from, the correction notes too."""
    return interviews.for_page_text().prefetch_related("corrections")


class CorrectionRefused(Exception):
    """The suggested correction cannot be applied safely; the message says why."""


@dataclass
class PlannedCorrection:
    part: Part
    new_value: str
    before: str
    after: str

    @property
    def where(self):
        obj = self.part.obj
        field = obj._meta.get_field(self.part.field).verbose_name
        return (
            f"{obj._meta.verbose_name}: {field}" if obj._meta.model_name == "interview" else f"{obj}: {field}"
        )

    def apply(self):
        obj = self.part.obj
        setattr(obj, self.part.field, self.new_value)
        obj.save()
        interview_id = obj.pk if isinstance(obj, Interview) else obj.interview_id
        # A correction is an edit: a form opened before it must not save the typo back.
        Interview.objects.filter(pk=interview_id).update(version=F("version") + 1, updated_at=timezone.now())


class ErrorReportQuerySet(models.QuerySet):
    def open(self):
        """Return reports no editor has dealt with yet."""
        return self.filter(status=ErrorReport.Status.NEW)

    def record(self, *, interview, selection, context_before, context_after, **fields):
        """Store a reader's report, or count it on an identical open one; return (report, created)."""
        key = fingerprint(interview.pk, selection, context_before, context_after)
        for _attempt in range(3):
            same = self.open().filter(fingerprint=key)
            if same.update(count=F("count") + 1, last_reported_at=timezone.now()):
                report = same.first()
                if report is not None:
                    report.merge(fields)
                    return report, False
            try:
                with transaction.atomic():
                    report = self.create(
                        interview=interview,
                        selection=selection,
                        context_before=context_before,
                        context_after=context_after,
                        fingerprint=key,
                        **fields,
                    )
                return report, True
            except IntegrityError:
                # Another process stored the same report a moment ago; count on that one instead.
                continue
        raise IntegrityError("Could not store or merge the report.")

    def refresh_text_presence(self, interview_id):
        """Note, on each open report of the interview, whether its text is still on the page."""
        reports = list(self.open().filter(interview_id=interview_id).only("pk", "selection"))
        if not reports:
            return
        interview = with_page_text(Interview.objects.filter(pk=interview_id)).first()
        text = page_text(interview) if interview else ""
        present = [report.pk for report in reports if report.selection in text]
        self.filter(pk__in=present).exclude(text_still_present=True).update(text_still_present=True)
        self.filter(pk__in=[r.pk for r in reports]).exclude(pk__in=present).exclude(
            text_still_present=False
        ).update(text_still_present=False)


class ErrorReport(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        FIXED = "fixed", "Fixed"
        REJECTED = "rejected", "Rejected"
        DUPLICATE = "duplicate", "Duplicate"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="error_reports")
    block = models.ForeignKey(
        Block,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="error_reports",
        help_text="The block the reader selected the text in, when their browser could tell.",
    )
    selection = models.CharField(max_length=300, help_text="The text the reader selected.")
    context_before = models.CharField(max_length=300, blank=True)
    context_after = models.CharField(max_length=300, blank=True)
    comment = models.TextField(
        blank=True, help_text="What the reader wrote; later identical reports add theirs."
    )
    suggestion = models.CharField(
        "suggested correction",
        max_length=300,
        blank=True,
        help_text="The replacement for the selected text, read from the comment when it proposes one. "
        "Edit it before applying it.",
    )
    reporter_email = models.EmailField(
        "reader's email",
        blank=True,
        help_text="Where to say the error is fixed. Erased once the report is closed.",
    )
    client_hash = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="A salted, rotating hash standing for the reader's address, to spot abuse. "
        "Never the address itself.",
    )
    fingerprint = models.CharField(max_length=64, editable=False)
    count = models.PositiveIntegerField(default=1, help_text="How many readers sent this same report.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)
    text_still_present = models.BooleanField(
        "text still on the page",
        default=True,
        help_text="Cleared when an edit removes the reported text from the interview.",
    )
    handled_by = user_reference()
    handled_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(
        "editors notified", null=True, blank=True, help_text="When the editors' email about it was sent."
    )
    created_at = models.DateTimeField("reported", default=timezone.now, db_index=True)
    last_reported_at = models.DateTimeField("last reported", default=timezone.now, db_index=True)

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        ordering = ["-last_reported_at", "-count", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint"], condition=Q(status="new"), name="unique_open_report"
            )
        ]
        verbose_name = "spelling error report"

    def __str__(self):
        selection = self.selection if len(self.selection) <= 60 else self.selection[:59] + "…"
        return f"“{selection}” in {self.interview}"

    def get_absolute_url(self):
        """Return the public page, scrolled to and highlighting the reported text."""
        return self.interview.get_absolute_url() + text_fragment(
            self.context_before, self.selection, self.context_after
        )

    def merge(self, fields):
        """Keep what a later identical report adds: its comment and an address to notify."""
        changed = []
        comment = fields.get("comment", "")
        if comment and comment not in self.comment and len(self.comment) + len(comment) < COMMENT_LIMIT:
            self.comment = f"{self.comment}\n—\n{comment}" if self.comment else comment
            changed.append("comment")
        if fields.get("suggestion") and not self.suggestion:
            self.suggestion = fields["suggestion"]
            changed.append("suggestion")
        if fields.get("reporter_email") and not self.reporter_email:
            self.reporter_email = fields["reporter_email"]
            changed.append("reporter_email")
        if changed:
            self.save(update_fields=changed)

    def plan_correction(self):
        """Return how the suggestion would change the interview, or raise CorrectionRefused."""
        if self.status != self.Status.NEW:
            raise CorrectionRefused("This report is already closed.")
        if not self.suggestion:
            raise CorrectionRefused(
                "The report has no suggested correction. "
                "Type one under “Suggested correction” and save first."
            )
        if self.suggestion == self.selection:
            raise CorrectionRefused("The suggested correction is the same as the reported text.")
        interview = with_page_text(Interview.objects.filter(pk=self.interview_id)).get()
        parts = page_parts(interview)
        found = " ".join(part.shown for part in parts).count(self.selection)
        if not found:
            raise CorrectionRefused(
                "The reported text no longer occurs in the interview: it may have been corrected already."
            )
        if found > 1:
            raise CorrectionRefused(
                f"The reported text occurs {found} times in the interview, so it is not clear which one to "
                "change. Edit the interview by hand."
            )
        holders = [part for part in parts if self.selection in part.shown]
        if len(holders) != 1:
            raise CorrectionRefused(
                "The reported text runs across two paragraphs or fields. Edit it by hand."
            )
        part = holders[0]
        if not part.editable:
            raise CorrectionRefused(
                "The reported text is in an expert's name, a topic or a correction note, "
                "which are not changed from here. Edit it by hand."
            )
        new_value = replace_once(part, self.selection, self.suggestion)
        if new_value is None:
            raise CorrectionRefused(
                "The reported text runs across formatting such as a link or emphasis. Edit it by hand."
            )
        start = part.shown.index(self.selection)
        end = start + len(self.selection)
        return PlannedCorrection(
            part=part,
            new_value=new_value,
            before=part.shown[max(0, start - PREVIEW_CONTEXT) : start],
            after=part.shown[end : end + PREVIEW_CONTEXT],
        )

    def admin_url(self):
        return reverse("admin:reports_errorreport_change", args=[self.pk])


class Correction(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="corrections")
    date = models.DateField(default=timezone.localdate, help_text="The day the correction was made.")
    text = models.TextField(
        help_text="Shown at the end of the interview, e.g. “An earlier version gave the wrong year "
        "of the treaty; it was signed in 1992.” Plain text."
    )
    report = models.ForeignKey(
        ErrorReport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="The reader's report that led to it, if any.",
    )
    created_by = user_reference()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "public correction note"

    def __str__(self):
        return f"Correction of {self.date:%d %b %Y} to {self.interview}"

    def structured_data(self):
        """Return the note as schema.org data, for the page's JSON-LD."""
        return {"@type": "CorrectionComment", "text": self.text, "datePublished": self.date.isoformat()}
