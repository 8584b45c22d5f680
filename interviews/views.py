from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from taggit.models import Tag

from cms.clients import hit
from cms.pagecache.store import remember
from interviews import fragments, front, keys
from interviews.models import (
    RENDERED_COLUMNS,
    ApprovalRequest,
    Expert,
    Interview,
    InterviewExpert,
    TaggedInterview,
)
from interviews.related import page_links
from interviews.search import clean_query, more_than, snippet
from interviews.workflow import ApprovalLinkError, approval_from_token, can_preview, record_decision

LANGUAGE_NAMES = dict(settings.CONTENT_LANGUAGES)

SHORT_LIST = 5000
# The front page's first screenful: interviews with pictures after the lead, and topic sections.
FRONT_TOP = 3
MAX_APPROVAL_COMMENT = 5000


class ArchivePaginator(Paginator):
    """Paginate with a deferred join, so a deep page skips index entries rather than whole rows.

    The page's ids come from an index-only scan (see the interview_listing index); only those
    rows are then read. Page 200 costs about what page 1 does, and the query count is the same.
    With a count_key, the count is remembered until the lists change (counting 91,000 published
    interviews took 23 ms, most of the front page's time).
    """

    def __init__(self, *args, count_key=None, count_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key
        self.count_names = [keys.LISTS, *count_names]

    @cached_property
    def count(self):
        if self.count_key is None:
            return super().count
        return remember(self.count_key, self.count_names, self.object_list.count)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.prefetch_related(None).values("pk")
        if self.count <= SHORT_LIST:
            # A tag's or an expert's few interviews: PostgreSQL would still walk the whole listing
            # index in date order, probing each row for the tag. An order the index cannot give
            # makes it fetch the few rows and sort them instead (docs/benchmarks, tag page).
            ids = ids.order_by(Coalesce("publish_at", "created_at").desc(), "-pk")
        ids = ids[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)


def _page(request, queryset, paginator=Paginator, **options):
    return paginator(queryset, settings.INTERVIEWS_PER_PAGE, **options).get_page(request.GET.get("page"))


def _listing(request, interviews, count_key=None, count_names=()):
    """Return a page of interviews, filtered by ?language= when it names a content language."""
    language = request.GET.get("language", "")
    if language in LANGUAGE_NAMES:
        interviews = interviews.filter(language=language)
    else:
        language = ""
    # The interface's languages are offered; any other content language works when asked for.
    codes = [code for code, _ in settings.LANGUAGES]
    if language and language not in codes:
        codes.append(language)
    return {
        "page": _page(
            request,
            interviews.for_listing(),
            ArchivePaginator,
            count_key=f"{count_key}:{language}" if count_key else None,
            count_names=count_names,
        ),
        "language": language,
        "language_choices": [(code, LANGUAGE_NAMES[code]) for code in codes],
        "query_string": urlencode({"language": language}) + "&" if language else "",
    }


def home(request):
    listing = _listing(request, Interview.objects.published(), count_key="published")
    page = listing["page"]
    if page.number == 1:
        # The front page: a lead, the next few with pictures, the rest as a list, then topics.
        page.object_list = interviews = list(page.object_list)
        if interviews:
            # The lead is the newest interview with a picture, if the page has one.
            lead = next((interview for interview in interviews if interview.cover_image), interviews[0])
            others = [interview for interview in interviews if interview is not lead]
            language = listing["language"]
            languages = [language] if language else _interface_content_languages(request.LANGUAGE_CODE)
            sections = front.topic_sections(lead, interviews, languages)
            listing.update(lead=lead, top=others[:FRONT_TOP], recent=others[FRONT_TOP:], sections=sections)
    response = render(request, "interviews/home.html", listing)
    sectioned = [item for section in listing.get("sections", ()) for item in section["interviews"]]
    return keys.tag(response, [keys.LISTS, *keys.listed(page), *keys.listed(sectioned)])


def render_interview(request, interview, status=200, **extra):
    """Render an interview page as readers see it; previews pass `preview` and their own extras."""
    links = page_links(interview)
    context = {
        "interview": interview,
        "parts": interview.parts,
        "translations": links.translations,
        "related": links.related,
        **fragments.page_context(request, interview),
        **extra,
    }
    response = render(request, "interviews/interview_detail.html", context, status=status)
    return keys.tag_interview_page(response, interview, links)


def interview_detail(request, slug):
    interview = Interview.objects.published_page(slug)
    if interview is None:
        raise Http404("No interview is published at this address.")
    if interview.interface_language != request.LANGUAGE_CODE:
        # One address per interview: the one under its own language.
        return redirect(interview.get_absolute_url(), permanent=True)
    return render_interview(request, interview)


@never_cache
def preview(request, pk):
    if not request.user.is_authenticated or not request.user.is_staff:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    interview = get_object_or_404(Interview.objects.for_page(), pk=pk)
    if not can_preview(request.user, interview):
        raise PermissionDenied("You may not preview this interview.")
    response = render_interview(request, interview, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def approval(request, token):
    """Let the interviewed expert read a draft through their share link and answer."""
    try:
        approval = approval_from_token(token)
    except ApprovalLinkError as error:
        context = {"message": str(error)}
        return render(request, "interviews/approval_invalid.html", context, status=error.status)
    interview = Interview.objects.for_page().get(pk=approval.interview_id)
    # The expert reads the draft with the interface in the interview's language.
    with translation.override(interview.interface_language):
        response = _answer_approval(request, approval, interview)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _answer_approval(request, approval, interview):
    extra = {"preview": True, "approval": approval, "approval_comment": ""}
    if request.method == "POST":
        limit = hit(request, "approval", limit=30, period=3600)
        if not limit.allowed:
            return _too_many_requests(request, limit)
        decision = request.POST.get("decision", "")
        comment = request.POST.get("comment", "").strip()[:MAX_APPROVAL_COMMENT]
        if decision not in {ApprovalRequest.Decision.APPROVED, ApprovalRequest.Decision.CHANGES}:
            extra.update(
                approval_error=gettext("Choose Approve or Request changes."), approval_comment=comment
            )
            return render_interview(request, interview, status=400, **extra)
        if decision == ApprovalRequest.Decision.CHANGES and not comment:
            extra.update(
                approval_error=gettext("Tell the editors what should change."), approval_comment=comment
            )
            return render_interview(request, interview, status=400, **extra)
        record_decision(approval, decision, comment)
        return redirect(f"{request.path}?answered=1")
    if request.GET.get("answered"):
        approval.refresh_from_db()
        extra["approval_thanks"] = True
    return render_interview(request, interview, **extra)


def expert_list(request):
    language = request.LANGUAGE_CODE
    experts = (
        Expert.objects.in_language(language)
        .filter(interviews__in=Interview.objects.published())
        .annotate(interview_count=Count("interviews", distinct=True))
        .order_by(Coalesce("translation_here__name", "name"))
    )
    experts = [expert.in_language(language) for expert in experts]
    return render(request, "interviews/expert_list.html", {"experts": experts})


def expert_detail(request, slug):
    expert = get_object_or_404(
        Expert.objects.in_language(request.LANGUAGE_CODE).prefetch_related("links"), slug=slug
    )
    # A subquery, not a join: PostgreSQL would otherwise walk every published interview in date
    # order probing each for the expert (see docs/benchmarks).
    credited = InterviewExpert.objects.filter(expert=expert).values("interview_id")
    interviews = Interview.objects.published().filter(pk__in=credited)
    # Its count is remembered until its interviews change (published, moved, credited or not).
    listing = _listing(request, interviews, f"expert-{expert.pk}", [keys.expert(expert.pk)])
    if not listing["page"].paginator.count and (not listing["language"] or not interviews.exists()):
        # An expert with no published interview yet may be named in one still under embargo.
        raise Http404("No published interviews with this expert.")
    context = {"expert": expert.in_language(request.LANGUAGE_CODE), **listing}
    response = render(request, "interviews/expert_detail.html", context)
    return keys.tag(response, [keys.expert(expert.pk), *keys.listed(listing["page"])])


def _by_slug(model, slug):
    """Return the row a filter names, or None for a missing or malformed slug."""
    if not slug or len(slug) > 200 or "\x00" in slug:
        return None
    return model.objects.filter(slug=slug).first()


def _too_many_requests(request, limit):
    response = render(request, "429.html", {"retry_after": limit.retry_after}, status=429)
    response["Retry-After"] = str(limit.retry_after)
    add_never_cache_headers(response)
    return response


def search(request):
    limit = hit(request, "search", limit=settings.SEARCH_PER_MINUTE, period=60)
    if not limit.allowed:
        return _too_many_requests(request, limit)
    query = clean_query(request.GET.get("q"))
    language = request.GET.get("language", "")
    filters = {
        "expert": _by_slug(Expert, request.GET.get("expert")),
        "tag": _by_slug(Tag, request.GET.get("tag")),
        "language": language if language in LANGUAGE_NAMES else "",
    }
    results = Interview.objects.published().search(query, **filters).defer(*RENDERED_COLUMNS)
    page = _page(request, results) if query else None
    if page:
        for interview in page:
            interview.snippet = snippet(interview, query)
    kept = {"q": query, **{k: getattr(v, "slug", v) for k, v in filters.items() if v}}
    context = {
        "query": query,
        "filters": filters,
        "page": page,
        # PostgreSQL ranks the newest matches and counts no further (interviews.search).
        "more_than": more_than(page.paginator.count) if page else None,
        "languages": settings.CONTENT_LANGUAGES,
        "query_string": urlencode(kept) + "&",
    }
    return render(request, "interviews/search.html", context)


def _interface_content_languages(interface):
    """Return the content languages whose interviews are shown in an interface language."""
    others = {code for code, _name in settings.LANGUAGES} - {interface}
    if interface != settings.LANGUAGE_CODE:
        return [interface]
    return [code for code in LANGUAGE_NAMES if code not in others]


def tag_list(request):
    # The topics of the interviews this interface shows: Russian topics on the Russian index.
    interviews = Interview.objects.published().filter(
        language__in=_interface_content_languages(request.LANGUAGE_CODE)
    )
    tags = (
        Tag.objects.filter(interviews_taggedinterview_items__content_object__in=interviews)
        .annotate(interview_count=Count("interviews_taggedinterview_items", distinct=True))
        .order_by("name")
    )
    return render(request, "interviews/tag_list.html", {"tags": tags})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    tagged = TaggedInterview.objects.filter(tag=tag).values("content_object_id")
    interviews = Interview.objects.published().filter(pk__in=tagged)  # see expert_detail
    listing = _listing(request, interviews, f"topic-{tag.pk}", [keys.topic(tag.pk)])
    if not listing["page"].paginator.count and (not listing["language"] or not interviews.exists()):
        raise Http404("No published interviews with this tag.")
    response = render(request, "interviews/tag_detail.html", {"tag": tag, **listing})
    return keys.tag(response, [keys.topic(tag.pk), *keys.listed(listing["page"])])
