"""Dates on public pages, cheaper than |date: a list page shows two per interview.

{{ when|iso }} is |date:"c" (ISO 8601, for datetime attributes); {{ when|long_date }} is
|date:"j E Y" ("30 November 2026", "30 ноября 2026"), worked out once per day and language.
"""

from datetime import datetime
from functools import lru_cache

from django import template
from django.utils import dateformat, translation

register = template.Library()


@register.filter(expects_localtime=True)
def iso(value):
    return value.isoformat() if value else ""


@register.filter(expects_localtime=True)
def long_date(value):
    if not value:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return _long_date(day, translation.get_language())


@lru_cache(maxsize=4096)
def _long_date(day, language):
    return dateformat.format(day, "j E Y")  # in `language`, the active one
