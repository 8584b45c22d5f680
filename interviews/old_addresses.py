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
    # Only the row's values: whether it was public is worked out when it is saved, not for each
    # of the many rows a list page loads.
    values = instance.__dict__
    setattr(instance, LOADED, (values.get("slug"), values.get("status"), values.get("publish_at")))


def _was_public(status, publish_at):
    return status == Interview.Status.PUBLISHED and publish_at is not None and publish_at <= timezone.now()


def _changed_slug(instance, raw):
    """Return the slug the instance was loaded (or last saved) with if this save changed it, and
    whether readers could see it then; note the saved values for its next save."""
    loaded, status, publish_at = getattr(instance, LOADED, (None, None, None))
    values = instance.__dict__
    setattr(instance, LOADED, (instance.slug, values.get("status"), values.get("publish_at")))
    if raw or not loaded or loaded == instance.slug:
        return None, False
    return loaded, _was_public(status, publish_at)


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
