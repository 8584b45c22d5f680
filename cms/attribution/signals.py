"""Forget the cached reuse notices whenever one is saved or deleted, and purge the pages showing them."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.attribution.models import SourceNotice, forget_notices
from cms.pagecache.keys import SITE
from interviews import refresh


@receiver(post_save, sender=SourceNotice)
@receiver(post_delete, sender=SourceNotice)
def notice_changed(sender, using=None, **kwargs):
    forget_notices()
    # A reader may cache the old notice between the save and the commit; forgetting it again
    # once the transaction commits drops that one too.
    transaction.on_commit(forget_notices, using=using)
    refresh.changed([SITE], using=using)  # every interview page shows a notice
