import base64
import logging
from functools import partial

import nh3
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_safe

from cms.attribution.links import canonical_url, host_of, is_public_host, normalise_page_url
from cms.attribution.models import Republication, RepublicationView, SourceNotice
from cms.clients import hit
from cms.links import absolute_url, slug_url
from interviews.body import REPUBLISH, render_blocks
from interviews.models import Interview

logger = logging.getLogger(__name__)

# A transparent 1×1 GIF.
PIXEL_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
# One client may introduce this many new republishing pages a day; real readers introduce few.
NEW_PAGES_PER_CLIENT_PER_DAY = 20
MAX_ID = 2**63 - 1

SNIPPET_TAGS = {
    "article", "h1", "h2", "p", "br", "a", "em", "strong", "i", "b", "ul", "ol", "li",
    "blockquote", "figure", "figcaption", "img", "time",
}  # fmt: skip
SNIPPET_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "referrerpolicy"},
    "time": {"datetime"},
}


def page_attribution(request, interview):
    """Return what an interview page shows about reusing it: canonical address, notice, credit."""
    url = canonical_url(request, interview)
    notice = SourceNotice.objects.for_language(interview.language)
    first_published = ""
    if interview.origin == Interview.Origin.PARTNER and interview.source_url:
        first_published = notice.render_first_published(interview.source_name, interview.source_url)
    return {
        "canonical_url": url,
        "notice": notice.render(url),
        "first_published": first_published,
        "republish_url": slug_url("attribution:republish", interview.slug),
        "on_copy": settings.ATTRIBUTION_ON_COPY,
        "copy_min_chars": settings.ATTRIBUTION_COPY_MIN_CHARS,
    }


def republish(request, slug):
    interview = get_object_or_404(
        Interview.objects.published().with_credits().prefetch_related("blocks"),
        slug=slug,
    )
    attribution = page_attribution(request, interview)
    context = {"interview": interview, "attribution": attribution}
    if interview.republishing_allowed:
        blocks = list(interview.blocks.all())
        left_out = [block for block in blocks if block.kind == block.Kind.IMAGE and block.image]
        left_out = [block for block in left_out if not block.reuse_allowed]
        outlet = _outlet(interview)
        snippet = render_to_string(
            "attribution/republish_snippet.html",
            {
                "interview": interview,
                "blocks": render_blocks(
                    interview,
                    blocks,
                    REPUBLISH,
                    credits=interview.credited_experts,
                    absolute_url=partial(absolute_url, request),
                    outlet=outlet,
                ),
                "canonical_url": attribution["canonical_url"],
                "outlet": outlet,
                "pixel_url": absolute_url(request, reverse("attribution:pixel", args=[interview.pk])),
            },
        )
        context |= {
            "snippet": _clean(snippet),
            "canonical_tag": format_html('<link rel="canonical" href="{}">', attribution["canonical_url"]),
            "left_out_count": len(left_out) + bool(interview.cover_image),
        }
    return render(request, "attribution/republish.html", context)


def _outlet(interview):
    if interview.origin == Interview.Origin.PARTNER and interview.canonical_to_source:
        return interview.source_name
    return settings.SITE_NAME


def _clean(html):
    # The text was sanitised on save; this pass also drops our own classes and the insertion markup.
    clean = nh3.clean(
        html,
        tags=SNIPPET_TAGS,
        attributes=SNIPPET_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=False,
    )
    return "\n".join(line.strip() for line in clean.splitlines() if line.strip())


@require_safe
def pixel(request, interview_id):
    """Answer the counting image at once, recording the republishing page when it is one we keep."""
    if request.method == "GET":
        try:
            _count_view(request, interview_id)
        except DatabaseError:
            logger.warning("Republication view not counted", exc_info=True)
    response = HttpResponse(PIXEL_GIF, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    return response


def _our_hosts(request):
    hosts = {host_of(settings.SITE_URL), host_of("http://" + request.get_host())}
    return hosts - {""}


def _count_view(request, interview_id):
    if not hit(request, "republish-pixel", limit=settings.REPUBLISH_PIXEL_PER_HOUR, period=3600).allowed:
        return
    page_url = normalise_page_url(request.META.get("HTTP_REFERER", ""))
    if page_url is None or interview_id > MAX_ID:
        return
    host = host_of(page_url)
    if not is_public_host(host) or host in _our_hosts(request):
        return
    if not Interview.objects.published().filter(pk=interview_id).exists():
        return
    now = timezone.now()
    republication = Republication.objects.filter(interview_id=interview_id, page_url=page_url).first()
    if republication is None:
        if not hit(request, "republish-new-page", limit=NEW_PAGES_PER_CLIENT_PER_DAY, period=86400).allowed:
            return
        republication, created = Republication.objects.get_or_create(
            interview_id=interview_id, page_url=page_url, defaults={"first_seen": now, "last_seen": now}
        )
        if not created:
            Republication.objects.filter(pk=republication.pk).update(last_seen=now)
    else:
        Republication.objects.filter(pk=republication.pk).update(last_seen=now)
    RepublicationView.objects.count_one(republication, timezone.localdate(now))
