"""Links to the current page in each interface language, or to its translations."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, reverse, translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """Return, per interface language, where a reader of this page should go."""
    request = context.get("request")
    current = translation.get_language()
    interview = context.get("interview")
    by_language = {}
    if interview is not None:
        by_language = {other.language: other.get_absolute_url() for other in context.get("translations", ())}
        by_language[interview.language] = interview.get_absolute_url()
    links = []
    for code, name in settings.LANGUAGES:
        if interview is not None:
            url = by_language.get(code) or _home(code, get_script_prefix())
        else:
            url = translate_url(request.path, code) if request else "/"
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@lru_cache(maxsize=64)
def _home(language, script_prefix):
    # The front page in each language, worked out once: reversing it on every page costs as much
    # as the rest of the header.
    with translation.override(language):
        return reverse("interviews:home")
