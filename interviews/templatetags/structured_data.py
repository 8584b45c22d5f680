"""JSON-LD for interview and expert pages, escaped so no text can close the script element."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cms.links import absolute_url
from interviews import fragments, page_parts

register = template.Library()

# As django.utils.html.json_script does: no "<", ">" or "&" may reach the HTML parser.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _script(data):
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


def _person(request, person):
    """Return a Person from an expert described by interviews.page_parts.person() or credited_person()."""
    data = {"@type": "Person", "name": person["name"], "url": absolute_url(request, person["path"])}
    if person["role"]:
        data["jobTitle"] = person["role"]
    if person["affiliation"]:
        data["affiliation"] = {"@type": "Organization", "name": person["affiliation"]}
    if person["photo"]:
        data["image"] = absolute_url(request, person["photo"])
    return data


@register.simple_tag(takes_context=True)
def site_url(context, url):
    """Return url made absolute with the site's address."""
    return absolute_url(context["request"], url)


@register.simple_tag(takes_context=True)
def interview_json_ld(context, interview, parts):
    """Describe an interview as a NewsArticle about its experts (parts: interviews.page_parts)."""
    request = context["request"]
    url = absolute_url(request, interview.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": interview.title,
        "description": interview.lead,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": interview.language,
        "datePublished": interview.publish_at,
        "dateModified": max(interview.updated_at, interview.publish_at or interview.updated_at),
        "about": [_person(request, person) for person in parts["people"]],
        "keywords": parts["topic_names"],
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": absolute_url(request, "/")},
    }
    if interview.byline:
        data["author"] = {"@type": "Person", "name": interview.byline.removeprefix("Interview by ").strip()}
    else:
        data["author"] = data["publisher"]
    if interview.cover_image:
        data["image"] = absolute_url(request, interview.cover_image.url)
    if interview.origin == interview.Origin.PARTNER and interview.source_url:
        data["isBasedOn"] = {
            "@type": "NewsArticle",
            "url": interview.source_url,
            "publisher": {"@type": "Organization", "name": interview.source_name},
        }
    data.update(fragments.stored_json_ld(parts))  # what other apps add (cms.reports: correction notes)
    return _script(data)


@register.simple_tag(takes_context=True)
def expert_json_ld(context, expert):
    """Describe an expert's page as the profile of a Person."""
    request = context["request"]
    person = _person(request, page_parts.person(expert))
    if expert.short_bio:
        person["description"] = expert.short_bio
    person["sameAs"] = [link.url for link in expert.links.all()]
    return _script({"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": person})
