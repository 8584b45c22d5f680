"""Save a parsed transcript as a draft interview."""

import reversion
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.html import escape
from django.utils.text import slugify

from interviews.models import Block, Expert, Interview, InterviewExpert, question_anchor
from interviews.text import sanitise_html
from interviews.transcripts import ANSWER, IMAGE


def find_expert(name):
    """Return the expert with this name or slug, ignoring case, or None."""
    name = " ".join((name or "").split())
    if not name:
        return None
    slug = slugify(name, allow_unicode=True)
    same = Q(name__iexact=name) | (Q(slug__iexact=slug) if slug else Q())
    return Expert.objects.filter(same).order_by("pk").first()


def find_duplicate(parsed, among=None):
    """Return an interview (of `among`, else any) that already has this transcript's title or slug."""
    same = Q(title__iexact=parsed.title)
    # Interview.save() cuts the slug base to the same length (see unique_slug).
    slug = slugify(parsed.title, allow_unicode=True)[:194].strip("-")
    if slug:
        same |= Q(slug=slug)
    return (Interview.objects.all() if among is None else among).filter(same).order_by("pk").first()


def own_names():
    """Return the names this site goes by: SITE_NAME and the labels of its own interviews."""
    labels = (
        Interview.objects.filter(origin=Interview.Origin.ORIGINAL)
        .exclude(interviewer_label="")
        .values_list("interviewer_label", flat=True)
        .distinct()
    )
    return {name.casefold() for name in [settings.SITE_NAME, *labels]}


def partner_outlet(parsed):
    """Return the other outlet this transcript seems to come from, or ""."""
    outlet = parsed.partner
    return outlet if outlet and outlet.casefold() not in own_names() else ""


def matched_experts(found_experts, create=True):
    """Return an expert (or None) for each expert a transcript names, matching or creating them."""
    experts = []
    for found in found_experts:
        expert = find_expert(found.name)
        if expert is None and create and found.name:
            expert = new_expert(found)
        experts.append(expert)
    return experts


def new_expert(found, name=None):
    """Create the expert the transcript introduces, with its bio and the credit of its photo."""
    return Expert.objects.create(
        name=name or found.name, short_bio=found.bio, photo_credit=found.photo_credit[:200]
    )


@transaction.atomic
def create_draft(parsed, *, experts=None, expert=None, create_expert=True, label=None, user=None):
    """Create a draft interview, with its experts and blocks, from a parsed transcript.

    `experts` gives an Expert (or None) for each of parsed.experts; without it they are matched by
    name or created. `expert`, if given, stands for the first of them.
    """
    # The import is the interview's first revision, credited to whoever ran it.
    with transaction.atomic(), reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment("Imported from a transcript.")
        if experts is None and expert is not None:
            experts = [expert, *matched_experts(parsed.experts[1:], create=create_expert)]
        elif experts is None:
            experts = matched_experts(parsed.experts, create=create_expert)
        return _create_draft(parsed, experts=experts, label=label, user=user)


def _create_draft(parsed, *, experts, label, user):
    outlet = partner_outlet(parsed)
    interview = Interview.objects.create(
        title=parsed.title,
        lead=parsed.lead,
        language=parsed.language,
        interviewer_label=parsed.interviewer_label if label is None else label.strip(),
        status=Interview.Status.DRAFT,
        origin=Interview.Origin.PARTNER if outlet else Interview.Origin.ORIGINAL,
        source_name=outlet[:200],
        created_by=user,
        updated_by=user,
    )
    credited, credits = [], []
    for index, chosen in enumerate(experts):
        if chosen is None or chosen in credited:
            continue
        found = parsed.experts[index] if index < len(parsed.experts) else None
        # What InterviewExpert.save() would fill in: the expert's current role and bio.
        credits.append(
            InterviewExpert(
                interview=interview,
                expert=chosen,
                order=len(credited),
                role=(found and found.role) or chosen.role,
                bio=(found and found.bio) or chosen.short_bio,
            )
        )
        credited.append(chosen)
    InterviewExpert.objects.bulk_create(credits)
    first = credited[0] if credited else None
    blocks, anchors = [], set()
    for order, parsed_block in enumerate(parsed.blocks, start=1):
        credit = parsed_block.credit
        if credit and parsed_block.credit_label:
            credit = f"{parsed_block.credit_label}: {credit}"
        speaker = None
        if parsed_block.kind == ANSWER:
            index = parsed_block.speaker
            speaker = (experts[index] if index is not None and index < len(experts) else None) or first
        # Image blocks are saved without a file (Block.clean would refuse them): they are
        # placeholders for the editor to fill in. Transcript text is plain, so "<" is a character.
        block = Block(
            interview=interview,
            order=order,
            kind=parsed_block.kind,
            text=sanitise_html("" if parsed_block.kind == IMAGE else escape(parsed_block.text)),
            speaker=speaker,
            caption=parsed_block.caption,
            credit=credit,
        )
        if block.kind == Block.Kind.QUESTION:
            block.anchor = question_anchor(block.text, anchors)
            anchors.add(block.anchor)
        blocks.append(block)
    # One insert rather than a save per row, each of which would render the whole body again;
    # saving the interview afterwards refreshes what is derived from it once (interviews.signals).
    Block.objects.bulk_create(blocks)
    interview.save()
    return interview
