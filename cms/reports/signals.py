"""Keep open reports' "text still on the page" flag, and the page's correction notes, in step with edits."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.reports.models import Correction, ErrorReport
from interviews import refresh


@receiver(post_save, sender=Correction, dispatch_uid="reports_correction_shown")
@receiver(post_delete, sender=Correction, dispatch_uid="reports_correction_removed")
def correction_changed(sender, instance, raw=False, using=None, **kwargs):
    if not raw:
        refresh.mark([instance.interview_id], refresh.PARTS, using=using)  # the notes at the end of the page


@receiver(refresh.interviews_refreshed, dispatch_uid="reports_text_presence")
def interviews_refreshed(sender, changes, **kwargs):
    # What a page shows is its body and its parts (its experts' boxes, its notes).
    shown = [pk for pk, what in changes.items() if what & {refresh.BODY, refresh.PARTS}]
    reported = ErrorReport.objects.open().filter(interview_id__in=shown)
    for interview_id in sorted(set(reported.values_list("interview_id", flat=True))):
        ErrorReport.objects.refresh_text_presence(interview_id)
