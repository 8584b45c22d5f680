from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.encoding import uri_to_iri
from django.utils.html import format_html

from cms.attribution.links import PAGE_URL_MAX_LENGTH
from interviews.models import Interview

DEFAULT_WORDING = {
    "en": (
        "Using this material requires an active link to the source: {link}",
        "First published by {outlet}",
    ),
    "ru": (
        "При использовании материала активная ссылка на источник обязательна: {link}",
        "Впервые опубликовано: {outlet}",
    ),
}


def _fill(template, placeholder, value_html):
    before, found, after = template.partition(placeholder)
    if not found:
        return format_html("{} {}", template, value_html)
    return format_html("{}{}{}", before, value_html, after)


# Saving or deleting a notice forgets the cached ones; should Redis miss that, this bounds it.
NOTICE_CACHE_SECONDS = 600


def _notice_key(language):
    return f"attribution:notice:{language}"


def forget_notices():
    """Drop the cached notices (for_language), as every save or deletion of one does."""
    cache.delete_many([_notice_key(code) for code, _name in settings.CONTENT_LANGUAGES])


class SourceNoticeQuerySet(models.QuerySet):
    def for_language(self, language):
        """Return the notice for language, falling back to English, then to the built-in wording.

        Every interview page shows one, so it is kept in the cache until a notice is saved or
        deleted (cms.attribution.signals).
        """
        key = _notice_key(language)
        notice = cache.get(key)
        if notice is None:
            notice = self._for_language(language)
            cache.set(key, notice, timeout=NOTICE_CACHE_SECONDS)
        return notice

    def _for_language(self, language):
        found = {notice.language: notice for notice in self.filter(language__in={language, "en"}).order_by()}
        notice = found.get(language) or found.get("en")
        if notice:
            return notice
        text, first_published = DEFAULT_WORDING.get(language, DEFAULT_WORDING["en"])
        return SourceNotice(language=language, text=text, first_published_text=first_published)


class SourceNotice(models.Model):
    language = models.CharField(
        max_length=8,
        choices=settings.CONTENT_LANGUAGES,
        unique=True,
        help_text="Interviews in this language show this wording. Languages without one use English.",
    )
    text = models.CharField(
        "reuse notice",
        max_length=500,
        help_text="Shown under every interview. Write {link} where the page's address goes.",
    )
    first_published_text = models.CharField(
        "partner credit",
        max_length=200,
        help_text="Shown on partner material. Write {outlet} where the partner's linked name goes.",
    )

    objects = SourceNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["language"]

    def __str__(self):
        return self.get_language_display()

    def clean(self):
        errors = {}
        if "{link}" not in self.text:
            errors["text"] = "Write {link} where the link to the page goes."
        if "{outlet}" not in self.first_published_text:
            errors["first_published_text"] = "Write {outlet} where the partner's name goes."
        if errors:
            raise ValidationError(errors)

    def render(self, url):
        """Return the notice as HTML with url as an active link."""
        # The address as readers read it: percent-escapes of non-Latin letters decoded (an IRI).
        return _fill(self.text, "{link}", format_html('<a href="{}">{}</a>', url, uri_to_iri(url)))

    def render_first_published(self, outlet, url):
        """Return the partner credit as HTML with the outlet's name linked to the original."""
        return _fill(self.first_published_text, "{outlet}", format_html('<a href="{}">{}</a>', url, outlet))


class Republication(models.Model):
    class LinkStatus(models.TextChoices):
        UNCHECKED = "unchecked", "Not checked yet"
        LINKED = "linked", "Active link"
        NO_LINK = "no_link", "No link"
        INACTIVE_LINK = "inactive_link", "Link not active"
        UNREACHABLE = "unreachable", "Page gone or unreachable"
        BLOCKED = "blocked", "Not checked: robots.txt"

    BREAKS_RULE = [LinkStatus.NO_LINK, LinkStatus.INACTIVE_LINK]

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="republications")
    page_url = models.URLField(
        "page",
        max_length=PAGE_URL_MAX_LENGTH,
        help_text="The page that showed the interview, as its readers' browsers reported it.",
    )
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)
    link_status = models.CharField(
        "link to us",
        max_length=16,
        choices=LinkStatus.choices,
        default=LinkStatus.UNCHECKED,
        help_text="Set by the scheduled check_republications command.",
    )
    checked_at = models.DateTimeField("checked", null=True, blank=True)
    check_detail = models.CharField("what the check found", max_length=300, blank=True)

    class Meta:
        ordering = ["-last_seen", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "page_url"], name="unique_republication_page")
        ]

    def __str__(self):
        return self.page_url

    @property
    def breaks_rule(self):
        return self.link_status in self.BREAKS_RULE


class RepublicationViewQuerySet(models.QuerySet):
    def count_one(self, republication, day):
        """Add one view on day, safely when several app processes count the same page at once."""
        if self.filter(republication=republication, day=day).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                self.create(republication=republication, day=day, count=1)
        except IntegrityError:
            self.filter(republication=republication, day=day).update(count=F("count") + 1)


class RepublicationView(models.Model):
    republication = models.ForeignKey(Republication, on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    objects = RepublicationViewQuerySet.as_manager()

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["republication", "day"], name="unique_republication_day")
        ]
        verbose_name = "daily views"
        verbose_name_plural = "daily views"

    def __str__(self):
        return f"{self.day}: {self.count}"
