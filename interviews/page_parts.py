"""The parts of an interview page drawn from other rows, rendered when they change.

An interview page shows, beside its own row and body, boxes for its experts, its cover, its
topics and the fragments other apps store with it (interviews.fragments: cms.reports' correction
notes), and names the experts and topics again in its meta tags and
structured data. Reading and rendering those on every view cost more than the rest of the page
together, so they are rendered on change and stored in Interview.page_parts (by
interviews.derived), as the body is in Interview.body_html (interviews.body):

    {"version": VERSION, "experts": html, "cover": html, "topics": html, "fragments": {name: ...},
     "contents": html, the questions as links to their anchors, "minutes": reading time,
     "description": the lead's first 40 words, for the meta tags,
     "topic_names": [...], "people": [{"name", "path", "role", "affiliation", "photo"}]}

Two more renderings are stored on the same changes, each in a column of its own, so that the
page, which never shows them, does not read them: the blocks as the feeds show them
(render_feed(), Interview.feed_html; rendering thirty interviews' blocks through their templates
on every uncached feed took longer than the rest of the feed), and the experts' names cards show
(credit_names(), Interview.credit_names).

Experts are named as the interview's language writes them (Expert.in_language). They are
rendered again when the interview, its blocks, its credits, its topics, an expert (or an
expert's translation) or topic it shows, or a stored fragment's rows change (interviews.signals,
cms.reports.signals), and all of
them by `manage.py render_bodies` after an upgrade. Parts stored by an earlier VERSION are
rendered on each view until then. Addresses are stored as paths; the page
makes them absolute. When an image's renditions cannot be made nothing is stored, and the
page renders the parts on each view until the next change, as it does for the body.

Plain functions rather than templates: the benchmark's dataset renders the parts of 100,000
interviews. Nothing here reads the database but what the interview's own relations hold.
"""

import math

from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext

from interviews import fragments
from interviews.body import FEED, render_blocks, stored_picture
from interviews.choices import Kind

# What of a block the parts read (interviews.derived loads no more).
BLOCK_FIELDS = ["interview_id", "order", "kind", "text", "anchor", "image", "caption", "credit", "speaker"]
COVER_SIZES = "(min-width: 80rem) 68rem, 100vw"
# Raised whenever the parts gain, lose or change a key.
VERSION = 5
DESCRIPTION_WORDS = 40
CONTENTS_WORDS = 14
# Silent reading of non-fiction, in words per minute, for the reading time.
WORDS_PER_MINUTE = 200


def render_parts(interview, credits=None, tags=None, extras=None, blocks=None, *, to_store=False):
    """Return the interview's page parts; credits, tags, blocks and extras are read when not given.

    extras: the rows of each stored fragment (interviews.fragments), by its name.

    Parts to store must be complete: an image that could not be given its renditions then
    raises ImageUnavailable.
    """
    if credits is None:
        credits = read_credits(interview)
    credits = list(credits)
    tags = list(interview.tags.all() if tags is None else tags)
    blocks = list(interview.blocks.all() if blocks is None else blocks)
    people = [(credit, credit.expert.in_language(interview.language)) for credit in credits]
    with translation.override(interview.interface_language):
        return {
            "version": VERSION,
            "experts": "".join(_expert_box(credit, expert, to_store) for credit, expert in people),
            "cover": _cover(interview, to_store),
            "topics": _topics(tags),
            "fragments": fragments.render_stored(interview, extras),
            "contents": _contents(blocks),
            "minutes": reading_minutes(interview, blocks),
            "description": Truncator(interview.lead).words(DESCRIPTION_WORDS, truncate=" …"),
            "topic_names": [tag.name for tag in tags],
            "people": [credited_person(credit, expert) for credit, expert in people],
        }


def read_credits(interview):
    """Return the interview's credits with what naming its experts needs (their translations):
    for a row whose stored renderings are missing or of an older VERSION."""
    return interview.interview_experts.select_related("expert").prefetch_related("expert__translations")


def render_feed(interview, blocks, credits):
    """Return the blocks as the feeds show them (stored in Interview.feed_html beside the parts)."""
    return "".join(render_blocks(interview, blocks, FEED, credits=credits))


def credit_names(interview, credits):
    """Return the credited experts' names as the interview's language writes them, in order: what
    cards show (stored in Interview.credit_names beside the parts, on the same changes)."""
    return [credit.expert.in_language(interview.language).name for credit in credits]


def _expert_box(credit, expert, to_store):
    photo = ""
    if expert.photo:
        photo = stored_picture(
            expert.photo,
            to_store,
            alt=expert.name,
            sizes="96px",
            width=96,
            height=96,
            css_class="expert-box__photo",
        )
    return format_html(
        '<aside class="expert-box">{}<div>'
        '<p class="expert-box__name"><a href="{}">{}</a></p>{}{}</div></aside>',
        photo,
        expert.get_absolute_url(),
        expert.name,
        format_html('<p class="expert-box__role">{}</p>', credit.role) if credit.role else "",
        format_html('<p class="expert-box__bio">{}</p>', credit.bio) if credit.bio else "",
    )


def _cover(interview, to_store):
    if not interview.cover_image:
        return ""
    image = stored_picture(
        interview.cover_image, to_store, alt=interview.cover_caption, sizes=COVER_SIZES, loading="eager"
    )
    caption = ""
    if interview.cover_caption or interview.cover_credit:
        credit = format_html(' <span class="credit">{}</span>', interview.cover_credit)
        caption = format_html(
            "<figcaption>{}{}</figcaption>", interview.cover_caption, credit if interview.cover_credit else ""
        )
    return format_html('<figure class="figure figure--cover">{}{}</figure>', image, caption)


def _topics(tags):
    if not tags:
        return ""
    items = format_html_join(
        "",
        '<li><a href="{}">{}</a></li>',
        ((reverse("interviews:tag_detail", args=[tag.slug]), tag.name) for tag in tags),
    )
    return format_html('<ul class="tags" aria-label="{}">{}</ul>', gettext("Topics"), items)


def _contents(blocks):
    questions = [block for block in blocks if block.kind == Kind.QUESTION and block.anchor]
    if len(questions) < 2:
        return ""
    items = format_html_join(
        "",
        '<li><a href="#{}">{}</a></li>',
        (
            (block.anchor, Truncator(strip_tags(block.text)).words(CONTENTS_WORDS, truncate=" …"))
            for block in questions
        ),
    )
    return format_html('<ol class="contents__list">{}</ol>', items)


def reading_minutes(interview, blocks):
    """Return the minutes a reader needs for the lead and the blocks' text, at least one."""
    words = len(interview.lead.split()) + sum(len(strip_tags(block.text).split()) for block in blocks)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def person(expert):
    """Return what structured data says of an expert now: the current role and affiliation."""
    return {
        "name": expert.name,
        "path": expert.get_absolute_url(),
        "role": expert.role,
        "affiliation": expert.affiliation,
        "photo": expert.photo.url if expert.photo else "",
    }


def credited_person(credit, expert):
    """Return what an interview's structured data says of its expert: the role recorded with it.

    expert is the credited expert as the interview's language names them. The recorded role is
    one line, position and affiliation at the time; the current affiliation is named apart only
    while that line still ends with it, so a later move rewrites nothing.
    """
    affiliation = expert.affiliation
    recorded = credit.role == affiliation or credit.role.endswith(f", {affiliation}")
    return {
        **person(expert),
        "role": credit.role,
        "affiliation": affiliation if affiliation and recorded else "",
    }
