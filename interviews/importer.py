"""Save a parsed transcript as a draft interview."""

import reversion
from django.db import transaction
from django.db.models import Q
from django.utils.html import escape
from django.utils.text import slugify

from interviews.models import Block, Expert, Interview, InterviewExpert
from interviews.transcripts import IMAGE


def find_expert(name):
    """Return the expert with exactly this name, ignoring case, or None."""
    name = " ".join((name or "").split())
    if not name:
        return None
    return Expert.objects.filter(name__iexact=name).order_by("pk").first()


def find_duplicate(parsed, among=None):
    """Return an interview (of `among`, else any) that already has this transcript's title or slug."""
    same = Q(title__iexact=parsed.title)
    # Interview.save() cuts the slug base to the same length (see unique_slug).
    slug = slugify(parsed.title, allow_unicode=True)[:194].strip("-")
    if slug:
        same |= Q(slug=slug)
    return (Interview.objects.all() if among is None else among).filter(same).order_by("pk").first()


@transaction.atomic
def create_draft(parsed, *, expert=None, create_expert=True, label=None, user=None):
    """Create a draft interview, with its expert and blocks, from a parsed transcript."""
    # The import is the interview's first revision, credited to whoever ran it.
    with transaction.atomic(), reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment("Imported from a transcript.")
        return _create_draft(parsed, expert=expert, create_expert=create_expert, label=label, user=user)


def _create_draft(parsed, *, expert, create_expert, label, user):
    if expert is None and parsed.expert_name:
        expert = find_expert(parsed.expert_name)
        if expert is None and create_expert:
            expert = Expert.objects.create(name=parsed.expert_name, short_bio=parsed.expert_bio)
    interview = Interview.objects.create(
        title=parsed.title,
        lead=parsed.lead,
        language=parsed.language,
        interviewer_label=parsed.interviewer_label if label is None else label.strip(),
        status=Interview.Status.DRAFT,
        created_by=user,
        updated_by=user,
    )
    if expert is not None:
        InterviewExpert.objects.create(
            interview=interview, expert=expert, role=parsed.expert_role, bio=parsed.expert_bio
        )
    for order, parsed_block in enumerate(parsed.blocks, start=1):
        credit = parsed_block.credit
        if credit and parsed_block.credit_label:
            credit = f"{parsed_block.credit_label}: {credit}"
        # Image blocks are saved without a file (Block.clean would refuse them): they are
        # placeholders for the editor to fill in. Transcript text is plain, so "<" is a character.
        Block(
            interview=interview,
            order=order,
            kind=parsed_block.kind,
            text="" if parsed_block.kind == IMAGE else escape(parsed_block.text),
            caption=parsed_block.caption,
            credit=credit,
        ).save()
    return interview
