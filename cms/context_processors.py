from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language, gettext, override

# The addresses every page's header and head link to, by name in the templates.
SITE_LINKS = {
    "home": "interviews:home",
    "experts": "interviews:expert_list",
    "topics": "interviews:tag_list",
    "search": "interviews:search",
    "feed": "interviews:feed",
    "feed_atom": "interviews:feed_atom",
    "report": "reports:create",
    "report_token": "reports:token",
}


def site(request):
    """Expose the outlet's name, and the addresses on every page, to every template."""
    return site_context()


def site_context():
    """Return what base.html needs, for pages rendered without a request (error pages)."""
    return {"SITE_NAME": gettext(settings.SITE_NAME), "SITE_LINKS": site_links(get_language())}


def site_links(language):
    """Return the addresses of SITE_LINKS in an interface language."""
    return _links(language, get_script_prefix())


@lru_cache(maxsize=64)
def _links(language, script_prefix):
    # Worked out once per interface language: reversing them on every page cost as much as the
    # rest of its header.
    with override(language):
        return {name: reverse(view) for name, view in SITE_LINKS.items()}
