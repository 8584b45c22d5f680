"""The blocks an interview's body is made of: questions, answers, paragraphs, headings, images, quotes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import slugify

from interviews.choices import Kind
from interviews.models.experts import Expert
from interviews.models.interviews import Interview
from interviews.text import render_block_html, sanitise_html
from interviews.uploads import GeneratedName, validate_image


def question_anchor(text, taken):
    """Return a link target for a question from its first words, not one of `taken`."""
    words = slugify(strip_tags(text), allow_unicode=True).split("-")[:6]
    base = "q-" + ("-".join(words)[:60].strip("-") or "question")
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    return anchor


class Block(models.Model):
    Kind = Kind

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
