"""What several content models share: a slug no other row uses, and a reference to a user."""

from django.conf import settings
from django.db import models
from django.utils.text import slugify


def unique_slug(model, text, *, instance_pk=None, fallback="item", max_length=200, **scope):
    """Return a slug for text that no other row of model (within scope) uses."""
    base = slugify(text, allow_unicode=True)[: max_length - 6].strip("-") or fallback
    others = model._default_manager.filter(**scope).exclude(pk=instance_pk)
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def user_reference(**options):
    """Return a field naming a user, kept (as empty) when that user is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )
