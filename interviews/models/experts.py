"""Experts: the people interviewed, their translations into other content languages, their links."""

from django.conf import settings
from django.db import models

from cms.links import slug_url
from interviews.models.fields import unique_slug
from interviews.text import sanitise_html
from interviews.uploads import GeneratedName, validate_image


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
