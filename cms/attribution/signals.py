"""Forget the cached reuse notices whenever one is saved or deleted, and purge the pages showing them."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.attribution.models import SourceNotice, forget_notices
from cms.pagecache.keys import SITE, purge


@receiver(post_save, sender=SourceNotice)
@receiver(post_delete, sender=SourceNotice)
def notice_changed(sender, **kwargs):
    forget_notices()
    # A reader may cache the old notice between the save and the commit; forgetting it again
    # once the transaction commits drops that one too.
    transaction.on_commit(forget_notices)
    purge([SITE])  # every interview page shows a notice
