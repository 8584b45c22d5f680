from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from interviews.models import Expert, Interview, InterviewExpert

RELATED_COUNT = 4


def _page(request, queryset):
    return Paginator(queryset, settings.INTERVIEWS_PER_PAGE).get_page(request.GET.get("page"))


def home(request):
    page = _page(request, Interview.objects.published().for_listing())
    return render(request, "interviews/home.html", {"page": page})


def interview_detail(request, slug):
    interview = get_object_or_404(
        Interview.objects.published().prefetch_related(
            Prefetch(
                "interview_experts",
                queryset=InterviewExpert.objects.select_related("expert"),
                to_attr="credited_experts",
            ),
            "blocks",
            "tags",
        ),
        slug=slug,
    )
    expert_ids = [credit.expert_id for credit in interview.credited_experts]
    tag_ids = [tag.pk for tag in interview.tags.all()]
    related = list(
        Interview.objects.published()
        .exclude(pk=interview.pk)
        .filter(Q(experts__in=expert_ids) | Q(tags__in=tag_ids))
        .annotate(
            shared_experts=Count("experts", filter=Q(experts__in=expert_ids), distinct=True),
            shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True),
        )
        .order_by("-shared_experts", "-shared_tags", "-publish_at", "-pk")[:RELATED_COUNT]
    )
    return render(
        request,
        "interviews/interview_detail.html",
        {"interview": interview, "blocks": interview.blocks.all(), "related": related},
    )


def expert_list(request):
    experts = (
        Expert.objects.filter(interviews__in=Interview.objects.published())
        .annotate(interview_count=Count("interviews", distinct=True))
        .order_by("name")
    )
    return render(request, "interviews/expert_list.html", {"experts": experts})


def expert_detail(request, slug):
    expert = get_object_or_404(Expert.objects.prefetch_related("links"), slug=slug)
    page = _page(request, Interview.objects.published().filter(experts=expert).for_listing())
    if not page.paginator.count:
        # An expert with no published interview yet may be named in one still under embargo.
        raise Http404("No published interviews with this expert.")
    return render(request, "interviews/expert_detail.html", {"expert": expert, "page": page})


def tag_list(request):
    tags = (
        Tag.objects.filter(interviews_taggedinterview_items__content_object__in=Interview.objects.published())
        .annotate(interview_count=Count("interviews_taggedinterview_items", distinct=True))
        .order_by("name")
    )
    return render(request, "interviews/tag_list.html", {"tags": tags})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = _page(request, Interview.objects.published().filter(tags=tag).for_listing())
    if not page.paginator.count:
        raise Http404("No published interviews with this tag.")
    return render(request, "interviews/tag_detail.html", {"tag": tag, "page": page})
