"""Old addresses keep working: a published interview, an expert or a topic whose slug changes
leaves its old addresses, in every language prefix, answering a 301 to the new ones (cms.addresses).

The slug an object was loaded with is noted when it is made (from the row's own values, so a
deferred column is never fetched), and compared when it is saved: no query unless the slug changed.
"""

from django.conf import settings
from django.db.models.signals import post_init, post_save
from django.dispatch import receiver
from django.utils import timezone
from taggit.models import Tag

from cms.addresses.moves import moved
from cms.links import slug_url
from interviews.models import Expert, Interview

LOADED = "loaded_slug_for_old_addresses"
# The public addresses of each kind of page that has a slug: the page and its feeds.
VIEWS = {
    Expert: ["interviews:expert_detail", "interviews:expert_feed", "interviews:expert_feed_atom"],
    Tag: ["interviews:tag_detail", "interviews:tag_feed", "interviews:tag_feed_atom"],
}


def languages():
    return [code for code, _name in settings.LANGUAGES]


@receiver(post_init, sender=Interview)
@receiver(post_init, sender=Expert)
@receiver(post_init, sender=Tag)
def note_loaded_slug(sender, instance, **kwargs):
    values = instance.__dict__
    was_public = (
        values.get("status") == Interview.Status.PUBLISHED
        and values.get("publish_at") is not None
        and values["publish_at"] <= timezone.now()
    )
    setattr(instance, LOADED, (values.get("slug"), was_public))


def _changed_slug(instance, raw):
    loaded, was_public = getattr(instance, LOADED, (None, False))
    setattr(instance, LOADED, (instance.slug, was_public))
    if raw or not loaded or loaded == instance.slug:
        return None, was_public
    return loaded, was_public


@receiver(post_save, sender=Interview)
def interview_moved(sender, instance, raw=False, **kwargs):
    old, was_public = _changed_slug(instance, raw)
    # Only an address readers could have seen is kept; a draft's slug is free to change.
    if old and was_public:
        new = instance.get_absolute_url()
        moved({slug_url("interviews:interview_detail", old, code): new for code in languages()})


@receiver(post_save, sender=Expert)
@receiver(post_save, sender=Tag)
def page_moved(sender, instance, raw=False, **kwargs):
    old, _was_public = _changed_slug(instance, raw)
    if old:
        moved(
            {
                slug_url(view, old, code): slug_url(view, instance.slug, code)
                for view in VIEWS[sender]
                for code in languages()
            }
        )
