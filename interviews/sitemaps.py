from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from taggit.models import Tag

from interviews.models import Expert, Interview


class InterviewSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Interview.objects.published().only("slug", "updated_at").order_by("-publish_at", "-pk")

    def lastmod(self, interview):
        return interview.updated_at


class ExpertSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            Expert.objects.filter(interviews__in=Interview.objects.published())
            .annotate(last_published=Max("interviews__publish_at"))
            .only("slug", "updated_at")
            .order_by("name")
        )

    def lastmod(self, expert):
        return max(expert.updated_at, expert.last_published)


class TagSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Tag.objects.filter(
                interviews_taggedinterview_items__content_object__in=Interview.objects.published()
            )
            .annotate(last_published=Max("interviews_taggedinterview_items__content_object__publish_at"))
            .order_by("name")
        )

    def location(self, tag):
        return reverse("interviews:tag_detail", args=[tag.slug])

    def lastmod(self, tag):
        return tag.last_published


SITEMAPS = {"interviews": InterviewSitemap, "experts": ExpertSitemap, "tags": TagSitemap}
