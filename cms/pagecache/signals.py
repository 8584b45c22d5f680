"""Invalidate every cached page when anything a reader can see changes.

One "content generation" covers the whole site: an edit to an interview can change the home
page, tag and expert pages, feeds, related lists and search, so per-page invalidation would
have to know all of them. Edits are rare next to reads, so starting over is cheap.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from cms.pagecache.middleware import new_generation


def content_changed(sender, raw=False, using=None, **kwargs):
    """Start a new generation now, and again once the transaction commits."""
    if raw:
        return
    new_generation()
    # A reader may render the old rows between the save and the commit and store them under the
    # generation just started; the one started after the commit outdates that page.
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and not any(
        callback is new_generation for _sids, callback, *_rest in connection.run_on_commit
    ):
        transaction.on_commit(new_generation, using=using)


def tags_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        content_changed(sender, **kwargs)


def connect():
    """Watch the models PAGE_CACHE_WATCHED_MODELS names: the rows public pages show."""
    for label in settings.PAGE_CACHE_WATCHED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:  # an optional app that is not installed
            continue
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
        # Rows of a many-to-many's through model change with add(), remove() and clear() too.
        m2m_changed.connect(tags_changed, sender=model, dispatch_uid=f"pagecache-m2m-{label}")
