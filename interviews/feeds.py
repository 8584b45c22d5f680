"""RSS 2.0 and Atom feeds: all interviews, per tag and per expert."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from taggit.models import Tag

from cms.links import absolute_url
from interviews import keys
from interviews.models import Expert, Interview
from interviews.page_parts import read_credits, render_feed

FEED_ITEMS = 30


@dataclass(frozen=True)
class FeedSubject:
    """What a feed is about, with the request that asked for it (feeds are shared instances)."""

    request: object
    language: str = ""
    tag: Tag | None = None
    expert: Expert | None = None


def _language(request):
    language = request.GET.get("language", "")
    return language if language in dict(settings.CONTENT_LANGUAGES) else ""


class InterviewFeed(Feed):
    description_template = None

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # What items() listed, so a change outdates the feeds showing it and no other.
        shown = getattr(request, "feed_keys", None)
        return keys.tag(response, shown) if shown and response.status_code == 200 else response

    def get_object(self, request):
        return FeedSubject(request, language=_language(request))

    def title(self, subject):
        return f"{settings.SITE_NAME}: interviews"

    def link(self, subject):
        return reverse("interviews:home")

    def description(self, subject):
        return f"Interviews with experts, published by {settings.SITE_NAME}."

    def interviews(self, subject):
        interviews = Interview.objects.published()
        if subject.language:
            interviews = interviews.filter(language=subject.language)
        return interviews

    def items(self, subject):
        interviews = self.interviews(subject).for_listing().prefetch_related("tags")
        if settings.FEED_FULL_CONTENT:
            # The blocks as the feed shows them, stored beside the page's parts (interviews.page_parts).
            interviews = interviews.annotate(blocks_html=F("feed_html"))
        items = list(interviews[:FEED_ITEMS])
        # Item methods receive only the item, so each carries its absolute address along.
        for interview in items:
            interview.absolute_url = absolute_url(subject.request, interview.get_absolute_url())
        subject.request.feed_keys = [
            keys.LISTS,
            *keys.listed(items),
            *([keys.topic(subject.tag.pk)] if subject.tag else []),
            *([keys.expert(subject.expert.pk)] if subject.expert else []),
        ]
        return items

    def item_title(self, interview):
        return interview.title

    def item_link(self, interview):
        return interview.get_absolute_url()

    def item_pubdate(self, interview):
        return interview.publish_at

    def item_updateddate(self, interview):
        return max(interview.updated_at, interview.publish_at)

    def item_author_name(self, interview):
        return interview.byline or settings.SITE_NAME

    def item_categories(self, interview):
        return sorted(tag.name for tag in interview.tags.all())

    def item_description(self, interview):
        url = interview.absolute_url
        experts = ", ".join(interview.expert_names)
        parts = [format_html("<p><strong>{}</strong></p>", experts)] if experts else []
        parts.append(format_html("<p>{}</p>", interview.lead))
        if settings.FEED_FULL_CONTENT:
            stored = interview.blocks_html
            parts.append(_blocks_html(interview) if stored is None else stored)
        parts.append(
            format_html('<p>Source: <a href="{}">{}</a>, {}</p>', url, interview.title, settings.SITE_NAME)
        )
        return "".join(parts)


def _blocks_html(interview):
    # A row stored before the feed's blocks were (interviews.page_parts).
    return render_feed(interview, interview.blocks.all(), read_credits(interview))


class TagFeed(InterviewFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        subject = FeedSubject(request, language=_language(request), tag=tag)
        if not self.interviews(subject).exists():
            raise Http404("No published interviews with this tag.")
        return subject

    def title(self, subject):
        return f"{settings.SITE_NAME}: {subject.tag.name}"

    def link(self, subject):
        return reverse("interviews:tag_detail", args=[subject.tag.slug])

    def interviews(self, subject):
        return super().interviews(subject).filter(tags=subject.tag)


class ExpertFeed(InterviewFeed):
    def get_object(self, request, slug):
        expert = get_object_or_404(Expert, slug=slug)
        subject = FeedSubject(request, language=_language(request), expert=expert)
        if not self.interviews(subject).exists():
            raise Http404("No published interviews with this expert.")
        return subject

    def title(self, subject):
        return f"{settings.SITE_NAME}: interviews with {subject.expert.name}"

    def link(self, subject):
        return subject.expert.get_absolute_url()

    def interviews(self, subject):
        return super().interviews(subject).filter(experts=subject.expert)


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, subject):
        return self.description(subject)


class InterviewAtomFeed(AtomMixin, InterviewFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass


class ExpertAtomFeed(AtomMixin, ExpertFeed):
    pass
