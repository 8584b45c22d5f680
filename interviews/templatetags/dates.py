"""Dates on public pages, cheaper than |date: a list page shows two per interview.

{{ when|iso }} is |date:"c" (ISO 8601, for datetime attributes); {{ when|long_date }} is
|date:"j E Y" ("30 November 2026", "30 ноября 2026") in the active language, each day written
once per process and language: a list page writes twenty or more, most of them the same few days.
"""

from datetime import datetime
from functools import lru_cache

from django import template
from django.utils import dateformat
from django.utils.translation import get_language

register = template.Library()


@register.filter(expects_localtime=True)
def iso(value):
    return value.isoformat() if value else ""


@register.filter(expects_localtime=True)
def long_date(value):
    if not value:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return _long_date(day, get_language())


@lru_cache(maxsize=4096)
def _long_date(day, language):
    """The day as |date:"j E Y" writes it; `language` is the active one, which names the month."""
    return dateformat.format(day, "j E Y")
