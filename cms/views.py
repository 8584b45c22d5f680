from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Point crawlers to the sitemap and keep them out of previews."""
    # The admin is left out: naming it here would publish the path ADMIN_URL hides. Its pages
    # need a login and carry their own "noindex".
    # Reader pages carry no language prefix in the default language (cms/urls.py).
    prefixes = ["/"] + [f"/{code}/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    lines = [
        "User-agent: *",
        *(f"Disallow: {prefix}{section}/" for prefix in prefixes for section in ("preview", "approval")),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


FLOOR_PAGE = "<!doctype html><title>Floor</title><p>A constant page for the benchmark.</p>\n"


def floor(request):
    """Return a constant small page: what the server and middleware cost with no work at all."""
    return HttpResponse(FLOOR_PAGE)
