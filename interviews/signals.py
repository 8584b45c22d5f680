"""Keep each interview's search columns current after every change to what it shows."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from interviews.models import SEARCH_COLUMNS, Block, Expert, Interview, InterviewExpert, TaggedInterview
from interviews.search import refresh_search_index

# Restoring a revision writes the stored row back; who may read it, and the save counter,
# stay as they are now. Raw saves are revision restores and fixtures.
WORKFLOW_FIELDS = [
    "status",
    "status_changed_at",
    "status_changed_by_id",
    "publish_at",
    "version",
    "created_by_id",
    *SEARCH_COLUMNS,
]


@receiver(pre_save, sender=Interview)
def keep_workflow_state(sender, instance, raw=False, **kwargs):
    if raw and instance.pk:
        current = Interview.objects.filter(pk=instance.pk).values(*WORKFLOW_FIELDS).first()
        for field, value in (current or {}).items():
            setattr(instance, field, value)


@receiver(post_save, sender=Interview)
def interview_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_index([instance.pk])


@receiver(post_save, sender=Block)
@receiver(post_delete, sender=Block)
@receiver(post_save, sender=InterviewExpert)
@receiver(post_delete, sender=InterviewExpert)
def part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_index([instance.interview_id])


@receiver(m2m_changed, sender=TaggedInterview)
def tags_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Interview):
        refresh_search_index([instance.pk])


@receiver(post_save, sender=Expert)
def expert_saved(sender, instance, created, raw=False, **kwargs):
    if not (created or raw):
        refresh_search_index(instance.interview_roles.values_list("interview_id", flat=True))
