"""Note what each change outdates; interviews.refresh refreshes it once, when the transaction commits."""

from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from interviews import keys, refresh, renditions
from interviews.models import (
    DERIVED_COLUMNS,
    Block,
    Expert,
    ExpertLink,
    ExpertTranslation,
    Interview,
    InterviewExpert,
    SearchEntry,
    StatusChange,
    TaggedInterview,
)
from interviews.refresh import CONTENT, LISTED, PARTS, RELATED, SEARCH

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
# The fields of an interview that decide where it stands in lists and other interviews' related
# lists; the first says whether readers could see it.
LISTED_FIELDS = ("status", "publish_at", "language")


@receiver(pre_save, sender=Interview)
def keep_workflow_state(sender, instance, raw=False, **kwargs):
    if raw and instance.pk:
        current = Interview.objects.filter(pk=instance.pk).values(*WORKFLOW_FIELDS).first()
        for field, value in (current or {}).items():
            setattr(instance, field, value)


@receiver(post_init, sender=Interview)
def remember_listing(sender, instance, **kwargs):
    # Read from __dict__: a deferred field is not loaded for this.
    instance.listed_as = [instance.__dict__.get(field) for field in LISTED_FIELDS]
    instance.translation_as = instance.__dict__.get("translation_of_id")


@receiver(post_save, sender=Interview)
def interview_saved(sender, instance, created, raw=False, using=None, **kwargs):
    if raw:
        return
    listed_as = [instance.__dict__.get(field) for field in LISTED_FIELDS]
    # Its own list follows its experts and topics (marked when they change); others' lists
    # follow its status and publish time.
    before = getattr(instance, "listed_as", None)
    moved = created or listed_as != before
    instance.listed_as = listed_as
    was_listed = bool(before) and not created and before[0] == Interview.Status.PUBLISHED
    refresh.mark(
        [instance.pk], *CONTENT, *([RELATED, LISTED] if moved else []), was_listed=was_listed, using=using
    )
    # The pages of the translations it joins or leaves show it among their languages; each of
    # them names its original.
    translation_of = instance.__dict__.get("translation_of_id")
    if translation_of != getattr(instance, "translation_as", None):
        originals = {translation_of, getattr(instance, "translation_as", None)} - {None}
        refresh.changed([keys.interview(pk) for pk in originals], using=using)
        instance.translation_as = translation_of


@receiver(post_delete, sender=Interview)
def interview_deleted(sender, instance, using=None, **kwargs):
    # Its blocks, deleted first, marked it; a refresh made at once (REFRESH_AT_ONCE) may have
    # written its search entry again meanwhile.
    SearchEntry.objects.using(using).filter(pk=instance.pk).delete()
    # A published interview is on many pages, whose lists all shift; deleting one is rare.
    shown = instance.status == Interview.Status.PUBLISHED
    refresh.changed([keys.SITE] if shown else [keys.interview(instance.pk)], using=using)


@receiver(post_save, sender=Block)
@receiver(post_delete, sender=Block)
def block_changed(sender, instance, raw=False, using=None, **kwargs):
    if not raw:
        # The page's questions and reading time are among its stored parts.
        refresh.mark([instance.interview_id], *CONTENT, using=using)


@receiver(pre_save, sender=InterviewExpert)
def credit_saving(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:
        instance.former_expert_id = (
            InterviewExpert.objects.filter(pk=instance.pk).values_list("expert", flat=True).first()
        )


@receiver(post_save, sender=InterviewExpert)
@receiver(post_delete, sender=InterviewExpert)
def credit_changed(sender, instance, raw=False, origin=None, using=None, **kwargs):
    # When the interview itself is being deleted, its list goes with it.
    deleting_interview = isinstance(origin, Interview) or getattr(origin, "model", None) is Interview
    if raw or deleting_interview:
        return
    # A credit saved may have named another expert before (credit_saving); one deleted leaves
    # its expert's other interviews listing this one as theirs. Answers name their speakers once
    # an interview has two experts (interviews.body).
    former = {getattr(instance, "former_expert_id", None), instance.expert_id} - {None}
    refresh.mark([instance.interview_id], *CONTENT, RELATED, former_experts=former, using=using)


@receiver(post_save, sender=StatusChange)
def status_changed(sender, instance, created, raw=False, using=None, **kwargs):
    # Publishing is a queryset update (interviews.workflow), with no save of the interview.
    # Publishing or unpublishing changes which lists name it; other moves change no list.
    if not created or raw:
        return
    if Interview.Status.PUBLISHED in {instance.to_status, instance.from_status}:
        was_listed = instance.from_status == Interview.Status.PUBLISHED
        # Search finds only published interviews (interviews.derived.store_search_vectors).
        refresh.mark([instance.interview_id], SEARCH, RELATED, LISTED, was_listed=was_listed, using=using)
    # Other moves (to review, back to draft) change nothing readers see.


@receiver(m2m_changed, sender=TaggedInterview)
def tags_changed(sender, instance, action, pk_set=None, using=None, **kwargs):
    if action == "pre_clear" and isinstance(instance, Interview):
        instance.cleared_tags = list(instance.tags.values_list("pk", flat=True))
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not isinstance(instance, Interview):
        refresh.changed([keys.SITE], using=using)  # a tag's interviews changed from the tag's side
        return
    if action != "post_clear" and not pk_set:
        return  # the same tags saved again
    former = pk_set if action == "post_remove" else getattr(instance, "cleared_tags", ())
    refresh.mark([instance.pk], SEARCH, PARTS, RELATED, former_topics=former, using=using)


def tagged(tag):
    return list(tag.interviews_taggedinterview_items.values_list("content_object_id", flat=True))


@receiver(post_save, sender=Tag)
def tag_renamed(sender, instance, created, raw=False, using=None, **kwargs):
    if raw:
        return
    if not created:
        refresh.mark(tagged(instance), SEARCH, PARTS, using=using)
    refresh.changed([keys.topic(instance.pk)], using=using)


@receiver(pre_delete, sender=Tag)
def tag_deleting(sender, instance, **kwargs):
    # The tagged rows go with the tag; their interviews are refreshed once it is deleted.
    instance.tagged_ids = tagged(instance)


@receiver(post_delete, sender=Tag)
def tag_deleted(sender, instance, using=None, **kwargs):
    refresh.mark(getattr(instance, "tagged_ids", ()), SEARCH, PARTS, using=using)
    refresh.changed([keys.topic(instance.pk)], using=using)


@receiver(post_save, sender=Expert)
def expert_saved(sender, instance, created, raw=False, using=None, **kwargs):
    if raw:
        return
    if not created:
        refresh.mark(instance.interview_roles.values_list("interview_id", flat=True), *CONTENT, using=using)
    refresh.changed([keys.expert(instance.pk)], using=using)


@receiver(post_save, sender=ExpertTranslation)
@receiver(post_delete, sender=ExpertTranslation)
def expert_translation_changed(sender, instance, raw=False, using=None, **kwargs):
    if not raw:
        credits = InterviewExpert.objects.filter(expert_id=instance.expert_id)
        # Answers name their speakers as the interview's language does.
        refresh.mark(credits.values_list("interview_id", flat=True), *CONTENT, using=using)
        refresh.changed([keys.expert(instance.expert_id)], using=using)


@receiver(post_delete, sender=Expert)
def expert_deleted(sender, instance, using=None, **kwargs):
    # Its credits go with it, and mark their interviews (credit_changed).
    refresh.changed([keys.expert(instance.pk)], using=using)


@receiver(post_save, sender=ExpertLink)
@receiver(post_delete, sender=ExpertLink)
def expert_link_changed(sender, instance, raw=False, using=None, **kwargs):
    """Links are shown on their expert's page, and derived into nothing."""
    if not raw:
        refresh.changed([keys.expert(instance.expert_id)], using=using)


@receiver(post_save, sender=Block)
@receiver(post_save, sender=Expert)
@receiver(post_save, sender=Interview)
def image_saved(sender, instance, raw=False, using=None, **kwargs):
    """Queue the renditions of an upload, so neither the editor nor the first reader waits for them."""
    if raw:
        return
    for name in ("image", "photo", "cover_image"):
        field_file = getattr(instance, name, None)
        if field_file and not renditions.known(field_file.name):
            page_keys = []
            if isinstance(instance, Interview):
                shown = [instance.pk]
            elif isinstance(instance, Block):
                shown = [instance.interview_id]
            else:
                shown = list(instance.interview_roles.values_list("interview_id", flat=True))
                page_keys = [keys.expert(instance.pk)]
            refresh.image_saved(field_file.name, shown, page_keys, using=using)
