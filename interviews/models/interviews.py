"""Interviews: the row, how readers and lists ask for them, their credited experts, tags and related lists."""

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import timezone
from django.utils.safestring import mark_safe
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from cms import prepared
from cms.links import slug_url
from interviews.body import render_body
from interviews.choices import FEED_COLUMN, RENDERED_COLUMNS, SEARCH_COLUMNS, Origin, Status
from interviews.models.experts import Expert, ExpertTranslation
from interviews.models.fields import unique_slug, user_reference
from interviews.models.search_entries import SearchEntry
from interviews.page_parts import VERSION as PARTS_VERSION
from interviews.page_parts import credit_names, read_credits, render_parts
from interviews.search import search_interviews
from interviews.uploads import GeneratedName, validate_image


class TaggedInterview(TaggedItemBase):
    content_object = models.ForeignKey("Interview", on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_interview_tag")]
        # A topic's most recently added interviews, read from the index alone (interviews.related).
        indexes = [models.Index(fields=["tag", "-content_object"], name="tagged_recent")]


# What an interview's page never reads of its row.
PAGE_SKIPS = [*SEARCH_COLUMNS, FEED_COLUMN]


def published_params():
    """Return the parameters of published()'s condition, "status = %s AND publish_at <= %s", in SQL."""
    return [Status.PUBLISHED, connection.ops.adapt_datetimefield_value(timezone.now())]


@cache
def _published_page_statement(vendor):
    quote = connection.ops.quote_name
    fields = [f for f in Interview._meta.concrete_fields if f.attname not in PAGE_SKIPS]
    columns = ", ".join(quote(field.column) for field in fields)
    # The condition is published()'s.
    where = "slug = %s AND status = %s AND publish_at <= %s"
    sql = f"SELECT {columns} FROM {quote(Interview._meta.db_table)} WHERE {where}"
    return sql, [field.attname for field in fields]


def credits():
    """Return the prefetch that gives interviews their experts, in order, as `credited_experts`.

    Also for prefetch_related_objects(), to read the credits of interviews from several queries
    at once. (Lists read their experts' names from the row instead: Interview.expert_names.)
    """
    queryset = InterviewExpert.objects.select_related("expert").annotate(
        local_name=models.Subquery(
            ExpertTranslation.objects.filter(
                expert=models.OuterRef("expert"), language=models.OuterRef("interview__language")
            ).values("name")[:1]
        )
    )
    return models.Prefetch("interview_experts", queryset=queryset, to_attr="credited_experts")


class InterviewQuerySet(models.QuerySet):
    def published(self):
        """Return interviews the public may read."""
        return self.filter(status=Status.PUBLISHED, publish_at__lte=timezone.now())

    def in_review(self):
        """Return interviews waiting for an editor."""
        return self.filter(status=Status.REVIEW)

    def outdated_translations(self):
        """Return translations whose original changed after they were last checked."""
        return self.filter(translation_of__isnull=False).filter(
            models.Q(translation_checked_at__isnull=True)
            | models.Q(translation_of__updated_at__gt=models.F("translation_checked_at"))
        )

    def scheduled(self):
        """Return interviews published for a time still to come."""
        return self.filter(status=Status.PUBLISHED, publish_at__gt=timezone.now())

    def search(self, query, *, expert=None, tag=None, language=""):
        """Return these published interviews matching the reader's query, best first, by one
        expert, on one topic or in one language when asked (interviews.search)."""
        interviews, entries = self, SearchEntry.objects.filter(publish_at__lte=timezone.now())
        if expert:
            interviews = interviews.filter(experts=expert)
            entries = entries.filter(
                interview__in=InterviewExpert.objects.filter(expert=expert).values("interview")
            )
        if tag:
            interviews = interviews.filter(tags=tag)
            entries = entries.filter(
                interview__in=TaggedInterview.objects.filter(tag=tag).values("content_object")
            )
        if language:
            interviews, entries = interviews.filter(language=language), entries.filter(language=language)
        return search_interviews(interviews, query, entries)

    def without_search_columns(self):
        """Return the rows without the search columns, which only search reads."""
        return self.defer(*SEARCH_COLUMNS)

    def for_listing(self):
        """Return interviews with what a list of cards shows, newest first: their experts' names
        are stored on the row (Interview.expert_names)."""
        return self.without_search_columns().defer(*RENDERED_COLUMNS).order_by("-publish_at", "-pk")

    def with_credits(self):
        """Return interviews with their experts, in order, as `credited_experts` (see credits())."""
        return self.prefetch_related(credits())

    def for_page(self):
        """Return interviews with what their page shows: the row, with its stored renderings but
        the feeds'."""
        return self.defer(*PAGE_SKIPS)

    def published_page(self, slug):
        """Return the published interview at `slug`, loaded as for_page() loads it, or None.

        The row of published().for_page().get(slug=slug), from a statement written once per
        process (and prepared, cms/prepared.py): building and compiling that queryset on every
        view took longer than running it.
        """
        sql, fields = _published_page_statement(connection.vendor)
        rows = prepared.fetch(sql, [slug, *published_params()])
        return next(iter(prepared.instances(Interview, fields, rows)), None)

    def for_page_text(self):
        """Return interviews with the rows behind every part of their page: for reading its text."""
        return self.for_page().with_credits().prefetch_related("tags", "blocks")


class Interview(models.Model):
    Status = Status
    Origin = Origin

    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text="The address of the interview. Filled in from the title; "
        "change it before publishing, not after, or old links break.",
    )
    lead = models.TextField(
        blank=True, help_text="The standfirst: two or three sentences under the title. Plain text."
    )
    language = models.CharField(
        max_length=8,
        choices=settings.CONTENT_LANGUAGES,
        default=settings.CONTENT_LANGUAGES[0][0],
        help_text="The language the interview is published in.",
    )
    byline = models.CharField(
        max_length=200, blank=True, help_text="Who conducted the interview, e.g. “Interview by Aida Sultan”."
    )
    interviewer_label = models.CharField(
        max_length=100,
        blank=True,
        help_text="Shown before each question, e.g. the outlet's name. Leave blank for none.",
    )
    cover_image = models.ImageField(
        upload_to=GeneratedName("covers/%Y/%m/", "cover_image"), validators=[validate_image], blank=True
    )
    cover_caption = models.CharField(max_length=300, blank=True)
    cover_credit = models.CharField(
        max_length=200, blank=True, help_text="Who holds the rights, e.g. “Photo: Meridian”."
    )
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Changed with the buttons at the top of the page, so each change is recorded.",
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_by = user_reference(editable=False)
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        db_index=True,
        help_text="Readers see a published interview from this time on. "
        "A time in the future schedules it. Left empty, publishing fills in now.",
    )
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.ORIGINAL)
    source_name = models.CharField(
        "source outlet", max_length=200, blank=True, help_text="Required for partner material."
    )
    source_url = models.URLField(
        "source address",
        max_length=500,
        blank=True,
        help_text="The original's address. Required for partner material.",
    )
    canonical_to_source = models.BooleanField(
        "point the canonical link to the partner's original",
        default=False,
        help_text="For partner material: search engines are told the partner's page is the original.",
    )
    republishing_allowed = models.BooleanField(
        "offer republishing",
        default=True,
        help_text="Show other outlets ready-to-paste HTML of this interview. "
        "Partner material starts with this off: we may not be allowed to re-license it.",
    )
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text="For a translation: the original interview. Readers of each see the other languages.",
    )
    translation_checked_at = models.DateTimeField(
        "translation checked",
        null=True,
        blank=True,
        help_text="When an editor last confirmed this translation matches the original. "
        "An edit to the original after this time marks the translation as possibly out of date.",
    )
    experts = models.ManyToManyField(Expert, through="InterviewExpert", related_name="interviews")
    tags = TaggableManager(through=TaggedInterview, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = user_reference(editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = user_reference(editable=False)
    # Bumped by every admin save; a form carrying an older number is refused (see forms.py).
    version = models.PositiveIntegerField(default=1, editable=False)
    # Kept current after every change by interviews.derived; read by interviews.search.
    search_text = models.TextField(blank=True, editable=False)
    search_names = models.TextField(blank=True, editable=False)
    search_config = models.CharField(max_length=20, default="simple", editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    search_head = SearchVectorField(null=True, editable=False)
    # The blocks rendered for readers (interviews.body), kept current after every save by interviews.derived.
    body_html = models.TextField(blank=True, editable=False)
    # The page's expert boxes, cover, topics and other apps' fragments (interviews.page_parts), kept so too.
    page_parts = models.JSONField(default=dict, blank=True, editable=False)
    # Its blocks as the feeds show them (interviews.page_parts.render_feed), kept so too; None
    # until first stored.
    feed_html = models.TextField(null=True, blank=True, editable=False)
    # Its experts' names as cards show them (interviews.page_parts.credit_names), kept so too:
    # list pages read them from the row instead of every card's credits. None until first stored.
    credit_names = models.JSONField(null=True, blank=True, editable=False)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [
            # Visibility plus the listing order, so list pages and their counts read the index only.
            models.Index(fields=["status", "-publish_at", "-id"], name="interview_listing"),
        ]
        permissions = [("publish_interview", "Can publish, schedule and unpublish interviews")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Interview, self.title, instance_pk=self.pk, fallback="interview")
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        if self._becomes_partner():
            # We may not be allowed to re-license a partner's material; an editor may still allow it later.
            self.republishing_allowed = False
        if self.status == self.Status.PUBLISHED:
            # Code that skips full_clean() (imports, the shell) must not publish unattributed material.
            self._check_source()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # Each interview lives under the interface language it is written in, where there is one.
        return slug_url("interviews:interview_detail", self.slug, self.interface_language)

    def clean(self):
        self._check_source()
        self._check_translation()

    def _check_translation(self):
        original = self.translation_of
        if original is None:
            return
        if original.pk == self.pk:
            raise ValidationError({"translation_of": "An interview cannot be a translation of itself."})
        if original.translation_of_id is not None:
            raise ValidationError(
                {"translation_of": f"“{original}” is itself a translation; choose its original instead."}
            )
        if original.language == self.language:
            raise ValidationError(
                {"translation_of": "A translation must be in another language than its original."}
            )

    @property
    def interface_language(self):
        """Return the interface language this interview's page is shown in."""
        return self.language if self.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

    def _becomes_partner(self):
        if self.origin != self.Origin.PARTNER:
            return False
        if self._state.adding:
            return True
        # Asked of the database, and only for partner material, so reading interviews costs nothing more.
        before = Interview.objects.filter(pk=self.pk).values_list("origin", flat=True).first()
        return before != self.Origin.PARTNER

    def _check_source(self):
        if self.origin != self.Origin.PARTNER:
            return
        if not (self.source_name and self.source_url):
            raise ValidationError(
                {"source_url": "Partner material needs the source outlet's name and address."}
            )
        if urlsplit(self.source_url).scheme.lower() not in {"http", "https"}:
            raise ValidationError({"source_url": "The source address must start with http:// or https://."})

    @property
    def translation_outdated(self):
        """Return whether the original changed after this translation was last confirmed."""
        original = self.translation_of
        if original is None:
            return False
        return self.translation_checked_at is None or original.updated_at > self.translation_checked_at

    @property
    def is_scheduled(self):
        """Return whether the interview is published for a time still to come."""
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def body(self):
        """Return the body as safe HTML: as stored (interviews.derived), else rendered from the blocks."""
        if not self.body_html and self.pk:
            # No blocks; or a row stored before bodies were (see `manage.py render_bodies`), or
            # whose images could not be made at its last save (interviews/body.py).
            return mark_safe(render_body(self, self.blocks.all()))
        return mark_safe(self.body_html)

    @property
    def parts(self):
        """Return the page's parts (interviews.page_parts): stored, or rendered when none are."""
        if self.pk and (self.page_parts or {}).get("version") != PARTS_VERSION:
            # A row stored before these parts were (see `manage.py render_bodies`), or whose
            # images could not be made at its last change.
            return render_parts(self)
        return self.page_parts

    @property
    def expert_names(self):
        """Return its experts' names as cards show them: stored, or read from its credits when none are."""
        if self.credit_names is not None:
            return self.credit_names
        # A row stored before the names were (see `manage.py render_bodies`).
        return credit_names(self, read_credits(self))

    @property
    def is_public(self):
        """Return whether readers can see this interview now."""
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )


class InterviewExpert(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="interview_experts")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="interview_roles")
    order = models.PositiveSmallIntegerField(default=0)
    role = models.CharField(
        "role at the time",
        max_length=300,
        blank=True,
        help_text="The expert's position when interviewed. Left empty, it is copied from the "
        "expert's current position, so a later job change does not rewrite this interview.",
    )
    bio = models.TextField(
        "bio at the time",
        blank=True,
        help_text="The bio printed with this interview. "
        "Left empty, the expert's current short bio is copied.",
    )

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "expert"], name="unique_interview_expert")
        ]
        verbose_name = "interviewed expert"

    def __str__(self):
        return f"{self.expert} in “{self.interview}”"

    def save(self, *args, **kwargs):
        if not self.role:
            self.role = self.expert.role
        if not self.bio:
            self.bio = self.expert.short_bio
        super().save(*args, **kwargs)

    @property
    def name(self):
        """Return the expert's name in the interview's language (annotated by with_credits)."""
        return getattr(self, "local_name", None) or self.expert.name


class RelatedInterview(models.Model):
    """One place in an interview's list of related interviews, written by interviews.related."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="related_entries")
    other = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="listed_in")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["interview", "rank"], name="unique_related_rank")]

    def __str__(self):
        return f"{self.rank}. {self.other_id} for {self.interview_id}"
