"""An interview's blocks as HTML: on its page, in the feeds and in the republish HTML.

Each block kind has one template, templates/interviews/blocks/<kind>.html, and the three outputs
use it: `output` says which one is asked for ("page", "feed" or "republish") and the template
holds what differs between them. The page marks every block with its id and class and gives
questions their anchors and images their renditions; the feed and the republish HTML are plain
markup for other sites, the republish HTML with absolute image addresses, images we may not
license left out, and cleaned once more by the attribution app.

Nothing here reads the database but what the interview's own relations hold: the callers give
the blocks and the credits. The page's body is rendered when the interview changes and stored in
Interview.body_html (interviews.derived), so templates cost nothing on a page view. It also holds
what does not change with content: the interface's translation of one label, and image
renditions' addresses; `manage.py render_bodies` renders every body again after an upgrade that
changes the templates, the catalogues, or where media files are served from.

When an image's renditions cannot be made (the cache that coordinates them is down), a body to
store raises ImageUnavailable, and nothing is stored: the page then renders the body on each
view, images included once they can be made, until the next save.
"""

from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe

from interviews.choices import Kind
from interviews.templatetags.pictures import picture

PAGE, FEED, REPUBLISH = "page", "feed", "republish"
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
    """Return the HTML of the interview's blocks for its page, in its page's interface language.

    A body to store must be complete: then an image block that could not be given its renditions
    raises ImageUnavailable. Otherwise it shows its caption alone, as the page did before.
    `credits` are the interview's InterviewExpert rows with their experts, read when not given.
    """
    if credits is None:
        credits = interview.interview_experts.select_related("expert").prefetch_related(
            "expert__translations"
        )
    with translation.override(interview.interface_language):
        return "\n".join(render_blocks(interview, blocks, PAGE, credits=credits, to_store=to_store))


def render_blocks(interview, blocks, output, *, credits, to_store=False, absolute_url=None, outlet=""):
    """Return, in order, the safe HTML of each block for `output` (PAGE, FEED or REPUBLISH).

    `credits` are the interview's InterviewExpert rows, which name the answers' speakers. The
    republish HTML needs `absolute_url` (a function of a path) for its images and the `outlet`
    that cannot license the others.
    """
    blocks = list(blocks)
    speakers = answer_speakers(credits, blocks, interview.language)
    templates = {kind: get_template(f"interviews/blocks/{kind}.html") for kind in {b.kind for b in blocks}}
    context = {"output": output, "label": interview.interviewer_label, "outlet": outlet}
    rendered = []
    for block, speaker in zip(blocks, speakers, strict=True):
        extra = {}
        if block.kind == Kind.IMAGE and block.image:
            if output == PAGE:
                extra["picture"] = stored_picture(block.image, to_store, alt=block.caption, sizes=IMAGE_SIZES)
            elif output == REPUBLISH:
                extra["src"] = absolute_url(block.image.url)
        html = templates[block.kind].render({**context, **extra, "block": block, "speaker": speaker})
        # Each template writes its markup between lines of template tags.
        rendered.append(mark_safe(html.strip()))  # noqa: S308
    return rendered


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
    return [names.get(block.speaker_id, first) if block.kind == Kind.ANSWER else "" for block in blocks]


def _local_name(credit, language):
    # Lists read the translated name with their credits (InterviewQuerySet.with_credits).
    if hasattr(credit, "local_name"):
        return credit.local_name or credit.expert.name
    return credit.expert.in_language(language).name
