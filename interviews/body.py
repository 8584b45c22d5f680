"""An interview's body, rendered once when it changes rather than on every page view.

The body is the longest part of an interview page. It depends on the interview's own row (its
interviewer label and language) and its blocks, so it is rendered when either is saved and
stored in Interview.body_html; the page writes out that one string. It also holds what does
not change with content: the interface's translation of one label, and image renditions'
addresses. `manage.py render_bodies` renders every body again after an upgrade that changes
the markup below, the catalogues, or where media files are served from.

When an image's renditions cannot be made (the cache that coordinates them is down), nothing
is stored: the page then renders the body on each view, images included once they can be made,
until the next save.

Plain functions rather than a template: rendering a thousand bodies (an import, the benchmark's
dataset) then takes a fraction of a second per hundred interviews, not seconds.
"""

from django.utils import translation
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from interviews.models import Block, Interview
from interviews.templatetags.pictures import picture

IMAGE_SIZES = "(min-width: 48rem) 46rem, 100vw"


class ImageUnavailable(Exception):
    """An image's renditions could not be made, so what shows it must not be stored."""


def stored_picture(image, to_store, **options):
    """Return the image's <img> (templatetags.pictures); one to store must have its renditions."""
    html = picture(image, **options)
    if not html and to_store:
        raise ImageUnavailable(image.name)
    return html


def render_body(interview, blocks, *, to_store=False, credits=None):
    """Return the HTML of the interview's blocks, in its page's interface language.

    A body to store must be complete: then an image block that could not be given its renditions
    raises ImageUnavailable. Otherwise it shows its caption alone, as the page did before.
    `credits` are the interview's InterviewExpert rows with their experts, read when not given.
    """
    blocks = list(blocks)
    if credits is None:
        credits = interview.interview_experts.select_related("expert").prefetch_related(
            "expert__translations"
        )
    speakers = answer_speakers(credits, blocks, interview.language)
    with translation.override(interview.interface_language):
        anchor_label = gettext("Link to this question")
        return "\n".join(
            _block(interview, block, anchor_label, to_store, speaker)
            for block, speaker in zip(blocks, speakers, strict=True)
        )


def answer_speakers(credits, blocks, language):
    """Return, for each block in order, its speaker's name to show, or "".

    Only answers of an interview with more than one credited expert name their speaker, as the
    interview's language names them; an answer without one, or naming someone no longer credited,
    is the first expert's.
    """
    credits = list(credits)
    if len(credits) < 2:
        return [""] * len(blocks)
    names = {credit.expert_id: _local_name(credit, language) for credit in credits}
    first = names[credits[0].expert_id]
    return [names.get(block.speaker_id, first) if block.kind == Block.Kind.ANSWER else "" for block in blocks]


def _local_name(credit, language):
    # Lists read the translated name with their credits (InterviewQuerySet.with_credits).
    if hasattr(credit, "local_name"):
        return credit.local_name or credit.expert.name
    return credit.expert.in_language(language).name


def refresh_bodies(interview_ids):
    """Render and store the bodies of the given interviews from their current blocks."""
    interviews = (
        Interview.objects.filter(pk__in=list(interview_ids))
        .only("language", "interviewer_label")
        .with_credits()
        .prefetch_related("blocks")
    )
    for interview in interviews:
        try:
            body = render_body(
                interview, interview.blocks.all(), to_store=True, credits=interview.credited_experts
            )
        except ImageUnavailable:
            body = ""  # the page renders it on each view until the next save
        # update(), not save(): the stored body is not an edit (no new version, no signals).
        Interview.objects.filter(pk=interview.pk).update(body_html=body)


def _block(interview, block, anchor_label, to_store, speaker):
    kind = block.kind
    if kind == Block.Kind.QUESTION:
        label = interview.interviewer_label
        return format_html(
            '<section class="block block--question" id="{anchor}" data-block="{pk}">'
            '<a class="block__anchor" href="#{anchor}" aria-label="{anchor_label}">#</a>'
            "{label}{text}</section>",
            anchor=block.anchor,
            pk=block.pk,
            anchor_label=anchor_label,
            label=format_html('<span class="block__label">{}:</span> ', label) if label else "",
            text=block.html,
        )
    if kind in (Block.Kind.ANSWER, Block.Kind.PARAGRAPH):
        speaker = format_html('<p class="block__speaker">{}</p>', speaker) if speaker else ""
        return format_html(
            '<div class="block block--{}" data-block="{}">{}{}</div>', kind, block.pk, speaker, block.html
        )
    if kind == Block.Kind.HEADING:
        # Sanitised on save; only the paragraph tags go, entities stay as they are.
        text = mark_safe(strip_tags(block.html))  # noqa: S308
        return format_html('<h2 class="block block--heading" data-block="{}">{}</h2>', block.pk, text)
    if kind == Block.Kind.QUOTE:
        quote = '<blockquote class="block block--quote" data-block="{}">{}</blockquote>'
        return format_html(quote, block.pk, block.html)
    if kind == Block.Kind.IMAGE and block.image:
        caption = ""
        if block.caption or block.credit:
            credit = format_html(' <span class="credit">{}</span>', block.credit) if block.credit else ""
            caption = format_html("<figcaption>{}{}</figcaption>", block.caption, credit)
        image = stored_picture(block.image, to_store, alt=block.caption, sizes=IMAGE_SIZES)
        return format_html(
            '<figure class="figure block block--image" data-block="{}">{}{}</figure>',
            block.pk,
            image,
            caption,
        )
    return ""
