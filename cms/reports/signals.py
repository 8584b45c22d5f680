"""Keep open reports' "text still on the page" flag in step with edits to the interview."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.reports.models import Correction, ErrorReport
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
