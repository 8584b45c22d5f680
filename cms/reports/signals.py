"""Keep open reports' "text still on the page" flag, and the page's correction notes, in step with edits."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.reports.models import Correction, ErrorReport
from interviews import keys
from interviews.derived import refresh_parts
from interviews.models import Block, Interview, InterviewExpert


@receiver(post_save, sender=Interview, dispatch_uid="reports_interview_saved")
def interview_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        ErrorReport.objects.refresh_text_presence(instance.pk)


@receiver(post_save, sender=Block, dispatch_uid="reports_block_saved")
@receiver(post_delete, sender=Block, dispatch_uid="reports_block_deleted")
@receiver(post_save, sender=InterviewExpert, dispatch_uid="reports_credit_saved")
@receiver(post_delete, sender=InterviewExpert, dispatch_uid="reports_credit_deleted")
@receiver(post_save, sender=Correction, dispatch_uid="reports_correction_saved")
def interview_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        ErrorReport.objects.refresh_text_presence(instance.interview_id)


@receiver(post_save, sender=Correction, dispatch_uid="reports_correction_shown")
@receiver(post_delete, sender=Correction, dispatch_uid="reports_correction_removed")
def correction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_parts([instance.interview_id])  # the notes at the end of the page
        keys.interview_changed(instance.interview_id)
