"""Keep what is derived from each interview (search columns, renderings, related list) current."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from cms.jobs.jobs import enqueue_unless_waiting
from interviews import keys, renditions
from interviews.derived import refresh_bodies, refresh_parts, refresh_search_index
from interviews.models import (
    DERIVED_COLUMNS,
    Block,
    Expert,
    ExpertTranslation,
    Interview,
    InterviewExpert,
    StatusChange,
    TaggedInterview,
)
from interviews.related import refresh_related
from interviews.tasks import make_image_renditions, refresh_neighbours

# Restoring a revision writes the stored row back; who may read it, and the save counter,
# stay as they are now. Raw saves are revision restores and fixtures.
WORKFLOW_FIELDS = [
    "status",
    "status_changed_at",
    "status_changed_by_id",
    "publish_at",
    "version",
    "created_by_id",
    *DERIVED_COLUMNS,
]


def related_changed(interview_id, former_experts=(), former_topics=()):
    """Refresh an interview's related list now, and queue the lists of those sharing an expert or topic."""
    refresh_related([interview_id])
    enqueue_unless_waiting(
        refresh_neighbours,
        interview_id,
        former_experts=sorted(former_experts),
        former_topics=sorted(former_topics),
    )
    keys.interview_changed(interview_id, former_experts, former_topics)


def names_changed(interview_ids):
    """Refresh what names an interview's experts and topics: its search columns and page parts."""
    ids = list(interview_ids)
    refresh_search_index(ids)
    with renditions.deferred():
        refresh_parts(ids)


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
        with renditions.deferred():  # a new image's job stores the page with it (image_saved)
            refresh_bodies([instance.pk])
            refresh_parts([instance.pk])
        related_changed(instance.pk)


@receiver(post_save, sender=Block)
@receiver(post_delete, sender=Block)
@receiver(post_save, sender=InterviewExpert)
@receiver(post_delete, sender=InterviewExpert)
def part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_index([instance.interview_id])


@receiver(post_save, sender=Block)
@receiver(post_delete, sender=Block)
def block_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        with renditions.deferred():
            refresh_bodies([instance.interview_id])
            # The page's questions and reading time are among its stored parts.
            refresh_parts([instance.interview_id])
        keys.interview_changed(instance.interview_id)


@receiver(post_save, sender=InterviewExpert)
@receiver(post_delete, sender=InterviewExpert)
def credit_changed(sender, instance, raw=False, origin=None, **kwargs):
    # When the interview itself is being deleted, its list goes with it.
    deleting_interview = isinstance(origin, Interview) or getattr(origin, "model", None) is Interview
    if not (raw or deleting_interview):
        with renditions.deferred():
            refresh_parts([instance.interview_id])
            # Answers name their speakers once an interview has two experts (interviews.body).
            refresh_bodies([instance.interview_id])
        # A credit saved may have named another expert before (pre_save below); one deleted
        # leaves its expert's other interviews listing this one as theirs.
        former = {getattr(instance, "_former_expert_id", None), instance.expert_id} - {None}
        related_changed(instance.interview_id, former_experts=former)


@receiver(pre_save, sender=InterviewExpert)
def credit_saving(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:
        instance._former_expert_id = (
            InterviewExpert.objects.filter(pk=instance.pk).values_list("expert", flat=True).first()
        )


@receiver(post_save, sender=StatusChange)
def status_changed(sender, instance, created, raw=False, **kwargs):
    # Publishing is a queryset update (interviews.workflow), with no save of the interview.
    # Publishing or unpublishing changes which lists name it; other moves change no page.
    if created and not raw and Interview.Status.PUBLISHED in {instance.to_status, instance.from_status}:
        related_changed(instance.interview_id)


@receiver(m2m_changed, sender=TaggedInterview)
def tags_changed(sender, instance, action, pk_set=None, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Interview):
        names_changed([instance.pk])
        related_changed(instance.pk, former_topics=pk_set or () if action == "post_remove" else ())


@receiver(post_save, sender=Tag)
def tag_renamed(sender, instance, created, raw=False, **kwargs):
    if not (created or raw):
        names_changed(instance.interviews_taggedinterview_items.values_list("content_object_id", flat=True))
        keys.purge([keys.topic(instance.pk)])


@receiver(pre_delete, sender=Tag)
def tag_deleting(sender, instance, **kwargs):
    # The tagged rows go with the tag; refresh their interviews once the deletion is done.
    ids = list(instance.interviews_taggedinterview_items.values_list("content_object_id", flat=True))
    transaction.on_commit(lambda: names_changed(ids))


@receiver(post_save, sender=Expert)
def expert_saved(sender, instance, created, raw=False, **kwargs):
    if not (created or raw):
        ids = list(instance.interview_roles.values_list("interview_id", flat=True))
        names_changed(ids)
        refresh_bodies(ids)
        keys.purge([keys.expert(instance.pk)])


@receiver(post_save, sender=ExpertTranslation)
@receiver(post_delete, sender=ExpertTranslation)
def expert_translation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        credits = InterviewExpert.objects.filter(expert_id=instance.expert_id)
        ids = list(credits.values_list("interview_id", flat=True))
        names_changed(ids)
        refresh_bodies(ids)  # answers name their speakers as the interview's language does
        keys.purge([keys.expert(instance.expert_id)])


@receiver(post_save, sender=Block)
@receiver(post_save, sender=Expert)
@receiver(post_save, sender=Interview)
def image_saved(sender, instance, raw=False, **kwargs):
    """Queue the renditions of an upload, so neither the editor nor the first reader waits for them."""
    if raw:
        return
    for name in ("image", "photo", "cover_image"):
        field_file = getattr(instance, name, None)
        if field_file and not renditions.known(field_file.name):
            if isinstance(instance, Interview):
                shown = [instance.pk]
            elif isinstance(instance, Block):
                shown = [instance.interview_id]
            else:
                shown = list(instance.interview_roles.values_list("interview_id", flat=True))
            enqueue_unless_waiting(make_image_renditions, field_file.name, interview_ids=sorted(shown))
