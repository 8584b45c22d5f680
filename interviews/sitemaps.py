from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse
from taggit.models import Tag

from interviews.models import Expert, Interview


class InterviewSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            Interview.objects.published()
            .only("slug", "language", "updated_at", "translation_of_id")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, interview):
        return interview.updated_at

    def _urls(self, page, protocol, domain):
        """Add hreflang alternates that point to each interview's translations."""
        urls = super()._urls(page, protocol, domain)
        groups = {url["item"].translation_of_id or url["item"].pk for url in urls}
        versions = {}
        translated = (
            Interview.objects.published()
            .filter(Q(pk__in=groups) | Q(translation_of_id__in=groups))
            .only("slug", "language", "translation_of_id")
        )
        for interview in translated:
            location = f"{protocol}://{domain}{interview.get_absolute_url()}"
            versions.setdefault(interview.translation_of_id or interview.pk, []).append(
                {"lang_code": interview.language, "location": location}
            )
        for url in urls:
            group = versions.get(url["item"].translation_of_id or url["item"].pk, [])
            if len(group) > 1:
                url["alternates"] = group
        return urls


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
