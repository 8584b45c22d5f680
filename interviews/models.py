from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from cms.links import slug_url
from interviews.text import render_block_html, sanitise_html
from interviews.uploads import GeneratedName, validate_image


def unique_slug(model, text, *, instance_pk=None, fallback="item", max_length=200, **scope):
    """Return a slug for text that no other row of model (within scope) uses."""
    base = slugify(text, allow_unicode=True)[: max_length - 6].strip("-") or fallback
    others = model._default_manager.filter(**scope).exclude(pk=instance_pk)
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def user_reference(**options):
    """Return a field naming a user, kept (as empty) when that user is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )


class ExpertQuerySet(models.QuerySet):
    def in_language(self, language):
        """Return experts with their translation into `language` joined, for Expert.in_language()."""
        return self.annotate(
            translation_here=models.FilteredRelation(
                "translations", condition=models.Q(translations__language=language)
            ),
            # Says the join was made: an expert without the translation gets no translation_here.
            joined_language=models.Value(language),
        ).select_related("translation_here")


class Expert(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text="The address of the expert's page. Letters of any script are allowed.",
    )
    position = models.CharField(
        max_length=300, blank=True, help_text="Current job title, e.g. “Research fellow”."
    )
    affiliation = models.CharField(
        max_length=300, blank=True, help_text="Current institution, e.g. a university or think tank."
    )
    short_bio = models.TextField(
        blank=True,
        help_text="One paragraph, shown in the box beside each interview. Plain text.",
    )
    bio = models.TextField(
        "full bio",
        blank=True,
        help_text="Shown on the expert's page. Paragraphs, links, emphasis and lists are kept; "
        "anything else is removed on save.",
    )
    photo = models.ImageField(
        upload_to=GeneratedName("experts/%Y/", "photo"), validators=[validate_image], blank=True
    )
    photo_credit = models.CharField(
        max_length=200, blank=True, help_text="Who holds the rights, e.g. “Photo: Meridian”."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Expert, self.name, instance_pk=self.pk, fallback="expert")
        self.bio = sanitise_html(self.bio)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("interviews:expert_detail", self.slug)

    @property
    def role(self):
        """Return the current position and affiliation as one line."""
        return ", ".join(part for part in (self.position, self.affiliation) if part)

    def in_language(self, language):
        """Return the expert as readers of `language` see it: its translation's fields over its own.

        Reads the translation joined by Expert.objects.in_language(), else the prefetched ones.
        """
        if getattr(self, "joined_language", None) == language:
            translated = getattr(self, "translation_here", None)
        else:
            translated = next((t for t in self.translations.all() if t.language == language), None)
        if translated is None:
            return self
        return LocalizedExpert(self, translated)


class LocalizedExpert:
    """An expert seen through one translation; an empty translated field shows the main one."""

    FIELDS = ("name", "position", "affiliation", "short_bio", "bio")

    def __init__(self, expert, translation):
        self.expert = expert
        for field in self.FIELDS:
            setattr(self, field, getattr(translation, field) or getattr(expert, field))
        self.language = translation.language

    def __getattr__(self, name):
        # Everything not translated (slug, photo, links, the address) is the expert's own.
        return getattr(self.expert, name)

    def __str__(self):
        return self.name

    @property
    def role(self):
        """Return the translated position and affiliation as one line."""
        return ", ".join(part for part in (self.position, self.affiliation) if part)


class ExpertTranslation(models.Model):
    """An expert's name, position, affiliation and bios in one more content language."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=settings.CONTENT_LANGUAGES)
    name = models.CharField(max_length=200, help_text="The name as readers of this language write it.")
    position = models.CharField(max_length=300, blank=True)
    affiliation = models.CharField(max_length=300, blank=True)
    short_bio = models.TextField(blank=True, help_text="Plain text. Left empty, pages show the main one.")
    bio = models.TextField(
        "full bio",
        blank=True,
        help_text="Left empty, pages show the main one. Paragraphs, links, emphasis and lists are kept.",
    )

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["expert", "language"], name="unique_expert_translation")
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"

    def save(self, *args, **kwargs):
        self.bio = sanitise_html(self.bio)
        super().save(*args, **kwargs)


class ExpertLink(models.Model):
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=100, help_text="E.g. “Personal website”, “Google Scholar”.")
    url = models.URLField("address", max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label


class TaggedInterview(TaggedItemBase):
    content_object = models.ForeignKey("Interview", on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_interview_tag")]
        # A topic's most recently added interviews, read from the index alone (interviews.related).
        indexes = [models.Index(fields=["tag", "-content_object"], name="tagged_recent")]


SEARCH_COLUMNS = ["search_text", "search_names", "search_config", "search_vector", "search_head"]
# Columns computed from an interview's content after every save, never edited.
# The page's stored renderings (interviews.body, interviews.page_parts), which lists never show.
RENDERED_COLUMNS = ["body_html", "page_parts"]
DERIVED_COLUMNS = [*SEARCH_COLUMNS, *RENDERED_COLUMNS]


def published_params():
    """Return the parameters of published()'s condition, "status = %s AND publish_at <= %s", in SQL."""
    return [Interview.Status.PUBLISHED, connection.ops.adapt_datetimefield_value(timezone.now())]


@cache
def _published_page_statement(vendor):
    quote = connection.ops.quote_name
    fields = [f for f in Interview._meta.concrete_fields if f.attname not in SEARCH_COLUMNS]
    columns = ", ".join(quote(field.column) for field in fields)
    # The condition is published()'s.
    where = "slug = %s AND status = %s AND publish_at <= %s"
    sql = f"SELECT {columns} FROM {quote(Interview._meta.db_table)} WHERE {where}"
    return sql, [field.attname for field in fields]


class InterviewQuerySet(models.QuerySet):
    def published(self):
        """Return interviews the public may read."""
        return self.filter(status=Interview.Status.PUBLISHED, publish_at__lte=timezone.now())

    def in_review(self):
        """Return interviews waiting for an editor."""
        return self.filter(status=Interview.Status.REVIEW)

    def outdated_translations(self):
        """Return translations whose original changed after they were last checked."""
        return self.filter(translation_of__isnull=False).filter(
            models.Q(translation_checked_at__isnull=True)
            | models.Q(translation_of__updated_at__gt=models.F("translation_checked_at"))
        )

    def scheduled(self):
        """Return interviews published for a time still to come."""
        return self.filter(status=Interview.Status.PUBLISHED, publish_at__gt=timezone.now())

    def search(self, query):
        """Return interviews matching the reader's query, best first, with a snippet each."""
        from interviews.search import search_interviews

        return search_interviews(self, query)

    def without_search_columns(self):
        """Return the rows without the search columns, which only search reads."""
        return self.defer(*SEARCH_COLUMNS)

    def for_listing(self):
        """Return interviews with what a list of cards shows, newest first."""
        return (
            self.without_search_columns()
            .defer(*RENDERED_COLUMNS)
            .with_credits()
            .order_by("-publish_at", "-pk")
        )

    def with_credits(self):
        """Return interviews with their experts, in order, as `credited_experts`."""
        return self.prefetch_related(
            models.Prefetch(
                "interview_experts",
                queryset=InterviewExpert.objects.select_related("expert").annotate(
                    local_name=models.Subquery(
                        ExpertTranslation.objects.filter(
                            expert=models.OuterRef("expert"), language=models.OuterRef("interview__language")
                        ).values("name")[:1]
                    )
                ),
                to_attr="credited_experts",
            )
        )

    def for_page(self):
        """Return interviews with what their page shows: the row, with its stored renderings."""
        return self.without_search_columns()

    def published_page(self, slug):
        """Return the published interview at `slug`, loaded as for_page() loads it, or None.

        The row of published().for_page().get(slug=slug), from a statement written once per
        process (and prepared, cms/prepared.py): building and compiling that queryset on every
        view took longer than running it.
        """
        from cms import prepared

        sql, fields = _published_page_statement(connection.vendor)
        rows = prepared.fetch(sql, [slug, *published_params()])
        return next(iter(prepared.instances(Interview, fields, rows)), None)

    def for_page_text(self):
        """Return interviews with the rows behind every part of their page: for reading its text."""
        return self.for_page().with_credits().prefetch_related("tags", "blocks")


class Interview(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    class Origin(models.TextChoices):
        ORIGINAL = "original", "Our own interview"
        PARTNER = "partner", "Republished from a partner"

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
    # Kept current by interviews.search after every change; see refresh_search_index().
    search_text = models.TextField(blank=True, editable=False)
    search_names = models.TextField(blank=True, editable=False)
    search_config = models.CharField(max_length=20, default="simple", editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    search_head = SearchVectorField(null=True, editable=False)
    # The blocks rendered for readers, kept current after every save by interviews.body.
    body_html = models.TextField(blank=True, editable=False)
    # The page's expert boxes, cover, topics and other apps' fragments, kept by interviews.page_parts.
    page_parts = models.JSONField(default=dict, blank=True, editable=False)

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
        """Return the body as safe HTML: stored by interviews.body, rendered from sanitised blocks."""
        if not self.body_html and self.pk:
            # No blocks; or a row stored before bodies were (see `manage.py render_bodies`), or
            # whose images could not be made at its last save (interviews/body.py).
            from interviews.body import render_body

            return mark_safe(render_body(self, self.blocks.all()))
        return mark_safe(self.body_html)

    @property
    def parts(self):
        """Return the page's parts (interviews.page_parts): stored, or rendered when none are."""
        from interviews.page_parts import VERSION, render_parts

        if self.pk and (self.page_parts or {}).get("version") != VERSION:
            # A row stored before these parts were (see `manage.py render_bodies`), or whose
            # images could not be made at its last change.
            return render_parts(self)
        return self.page_parts

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


def question_anchor(text, taken):
    """Return a link target for a question from its first words, not one of `taken`."""
    words = slugify(strip_tags(text), allow_unicode=True).split("-")[:6]
    base = "q-" + ("-".join(words)[:60].strip("-") or "question")
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    return anchor


class Block(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", "Question"
        ANSWER = "answer", "Answer"
        PARAGRAPH = "paragraph", "Paragraph"
        HEADING = "heading", "Heading"
        IMAGE = "image", "Image"
        QUOTE = "quote", "Quote"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="blocks")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ANSWER)
    text = models.TextField(
        blank=True,
        help_text="Paragraphs, links, emphasis and lists are kept; anything else is removed on save. "
        "Text in {braces} is shown as an editorial insertion. For images, leave empty.",
    )
    image = models.ImageField(
        upload_to=GeneratedName("blocks/%Y/%m/", "image"), validators=[validate_image], blank=True
    )
    speaker = models.ForeignKey(
        Expert,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For an answer: which of the interview's experts speaks. "
        "Left empty, the first expert. Named on the page when the interview has several experts.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=200, blank=True, help_text="E.g. “Photo: Meridian”.")
    reuse_allowed = models.BooleanField(
        "we may license this image for reuse",
        default=False,
        help_text="Tick only if we hold the rights to let other outlets republish this image. "
        "Unticked images are left out of the republishing HTML.",
    )
    anchor = models.SlugField(
        max_length=80,
        blank=True,
        allow_unicode=True,
        help_text="Questions get a link target, set once from the text and kept when the text changes.",
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.order}"

    def save(self, *args, **kwargs):
        self.text = sanitise_html(self.text)
        if self.kind == self.Kind.QUESTION and not self.anchor:
            self.anchor = self._new_anchor()
        super().save(*args, **kwargs)

    def clean(self):
        if self.kind != self.Kind.IMAGE and not sanitise_html(self.text).strip():
            raise ValidationError({"text": "This block has no text."})

    def _new_anchor(self):
        taken = set(
            Block.objects.filter(interview_id=self.interview_id)
            .exclude(pk=self.pk)
            .values_list("anchor", flat=True)
        )
        return question_anchor(self.text, taken)

    @property
    def html(self):
        """Return the block's text as safe HTML with editorial insertions marked."""
        return render_block_html(self.text)


class RelatedInterview(models.Model):
    """One place in an interview's list of related interviews, written by interviews.related."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="related_entries")
    other = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="listed_in")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["interview", "rank"], name="unique_related_rank")]

    def __str__(self):
        return f"{self.rank}. {self.other_id} for {self.interview_id}"


class StatusChange(models.Model):
    """One move of an interview between statuses: who, when, from what to what."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=Interview.Status.choices)
    to_status = models.CharField(max_length=16, choices=Interview.Status.choices)
    publish_at = models.DateTimeField(null=True, blank=True)
    changed_by = user_reference()
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ApprovalRequest(models.Model):
    """A share link that lets the interviewed expert read a draft and approve it or ask for changes."""

    class Decision(models.TextChoices):
        PENDING = "", "Waiting for the expert"
        APPROVED = "approved", "Approved"
        CHANGES = "changes", "Changes requested"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="approval_requests")
    expert = models.ForeignKey(Expert, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    nonce = models.CharField(max_length=64, editable=False)
    created_by = user_reference()
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.PENDING, blank=True)
    comment = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Approval link for “{self.interview}”"

    @property
    def is_usable(self):
        """Return whether the link still opens the draft."""
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def is_outdated(self):
        """Return whether the interview changed after the expert decided."""
        return self.decided_version is not None and self.decided_version < self.interview.version
