"""Dates on public pages, cheaper than |date: a list page shows two per interview.

{{ when|iso }} is |date:"c" (ISO 8601, for datetime attributes); {{ when|long_date }} is
|date:"j E Y" ("30 November 2026", "30 ноября 2026") in the active language.
"""

from datetime import datetime

from django import template
from django.utils import dateformat

register = template.Library()


@register.filter(expects_localtime=True)
def iso(value):
    return value.isoformat() if value else ""


@register.filter(expects_localtime=True)
def long_date(value):
    if not value:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return dateformat.format(day, "j E Y")
