from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from taggit.models import Tag

from cms.attribution.views import page_attribution
from cms.clients import hit
from interviews.models import ApprovalRequest, Expert, Interview, InterviewExpert
from interviews.search import clean_query, snippet
from interviews.workflow import ApprovalLinkError, approval_from_token, can_preview, record_decision

LANGUAGE_NAMES = dict(settings.CONTENT_LANGUAGES)

RELATED_COUNT = 4
MAX_APPROVAL_COMMENT = 5000


def _page(request, queryset):
    return Paginator(queryset, settings.INTERVIEWS_PER_PAGE).get_page(request.GET.get("page"))


def _listing(request, interviews):
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
        "page": _page(request, interviews.for_listing()),
        "language": language,
        "language_choices": [(code, LANGUAGE_NAMES[code]) for code in codes],
        "query_string": urlencode({"language": language}) + "&" if language else "",
    }


def home(request):
    return render(request, "interviews/home.html", _listing(request, Interview.objects.published()))


def _with_page_parts(interviews):
    return interviews.without_search_columns().prefetch_related(
        Prefetch(
            "interview_experts",
            queryset=InterviewExpert.objects.select_related("expert"),
            to_attr="credited_experts",
        ),
        "blocks",
        "tags",
        "corrections",
    )


def _related(interview):
    expert_ids = [credit.expert_id for credit in interview.credited_experts]
    tag_ids = [tag.pk for tag in interview.tags.all()]
    return list(
        Interview.objects.published()
        .without_search_columns()
        .exclude(pk=interview.pk)
        .filter(Q(experts__in=expert_ids) | Q(tags__in=tag_ids))
        .annotate(
            shared_experts=Count("experts", filter=Q(experts__in=expert_ids), distinct=True),
            shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True),
        )
        .order_by("-shared_experts", "-shared_tags", "-publish_at", "-pk")[:RELATED_COUNT]
    )


def _translations(interview):
    """Return the published versions of this interview in other languages."""
    original = interview.translation_of_id or interview.pk
    return list(
        Interview.objects.published()
        .filter(Q(pk=original) | Q(translation_of_id=original))
        .exclude(pk=interview.pk)
        .only("slug", "language", "title")
        .order_by("language")
    )


def render_interview(request, interview, status=200, **extra):
    """Render an interview page as readers see it; previews pass `preview` and their own extras."""
    context = {
        "interview": interview,
        "translations": _translations(interview),
        "blocks": interview.blocks.all(),
        "corrections": interview.corrections.all(),
        "related": _related(interview),
        "attribution": page_attribution(request, interview),
        **extra,
    }
    return render(request, "interviews/interview_detail.html", context, status=status)


def interview_detail(request, slug):
    interview = get_object_or_404(_with_page_parts(Interview.objects.published()), slug=slug)
    if interview.interface_language != request.LANGUAGE_CODE:
        # One address per interview: the one under its own language.
        return redirect(interview.get_absolute_url(), permanent=True)
    return render_interview(request, interview)


@never_cache
def preview(request, pk):
    if not request.user.is_authenticated or not request.user.is_staff:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    interview = get_object_or_404(_with_page_parts(Interview.objects.all()), pk=pk)
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
    interview = _with_page_parts(Interview.objects.all()).get(pk=approval.interview_id)
    # The expert reads the draft with the interface in the interview's language.
    with translation.override(interview.interface_language):
        return _answer_approval(request, approval, interview)


def _answer_approval(request, approval, interview):
    extra = {"preview": True, "approval": approval, "approval_comment": ""}
    if request.method == "POST":
        limit = hit(request, "approval", limit=30, period=3600)
        if not limit.allowed:
            response = render(request, "429.html", {"retry_after": limit.retry_after}, status=429)
            response["Retry-After"] = str(limit.retry_after)
            return response
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
    experts = (
        Expert.objects.filter(interviews__in=Interview.objects.published())
        .annotate(interview_count=Count("interviews", distinct=True))
        .order_by("name")
    )
    return render(request, "interviews/expert_list.html", {"experts": experts})


def expert_detail(request, slug):
    expert = get_object_or_404(Expert.objects.prefetch_related("links"), slug=slug)
    listing = _listing(request, Interview.objects.published().filter(experts=expert))
    if not listing["page"].paginator.count and not listing["language"]:
        # An expert with no published interview yet may be named in one still under embargo.
        raise Http404("No published interviews with this expert.")
    return render(request, "interviews/expert_detail.html", {"expert": expert, **listing})


def _by_slug(model, slug):
    """Return the row a filter names, or None for a missing or malformed slug."""
    if not slug or len(slug) > 200 or "\x00" in slug:
        return None
    return model.objects.filter(slug=slug).first()


def search(request):
    query = clean_query(request.GET.get("q"))
    language = request.GET.get("language", "")
    filters = {
        "expert": _by_slug(Expert, request.GET.get("expert")),
        "tag": _by_slug(Tag, request.GET.get("tag")),
        "language": language if language in LANGUAGE_NAMES else "",
    }
    interviews = Interview.objects.published()
    if filters["expert"]:
        interviews = interviews.filter(experts=filters["expert"])
    if filters["tag"]:
        interviews = interviews.filter(tags=filters["tag"])
    if filters["language"]:
        interviews = interviews.filter(language=filters["language"])
    results = interviews.search(query).prefetch_related(
        Prefetch(
            "interview_experts",
            queryset=InterviewExpert.objects.select_related("expert"),
            to_attr="credited_experts",
        )
    )
    page = _page(request, results) if query else None
    if page:
        for interview in page:
            interview.snippet = snippet(interview, query)
    kept = {"q": query, **{k: getattr(v, "slug", v) for k, v in filters.items() if v}}
    context = {
        "query": query,
        "filters": filters,
        "page": page,
        "languages": settings.CONTENT_LANGUAGES,
        "query_string": urlencode(kept) + "&",
    }
    return render(request, "interviews/search.html", context)


def tag_list(request):
    tags = (
        Tag.objects.filter(interviews_taggedinterview_items__content_object__in=Interview.objects.published())
        .annotate(interview_count=Count("interviews_taggedinterview_items", distinct=True))
        .order_by("name")
    )
    return render(request, "interviews/tag_list.html", {"tags": tags})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    listing = _listing(request, Interview.objects.published().filter(tags=tag))
    if not listing["page"].paginator.count and not listing["language"]:
        raise Http404("No published interviews with this tag.")
    return render(request, "interviews/tag_detail.html", {"tag": tag, **listing})
