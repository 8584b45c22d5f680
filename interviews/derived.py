"""Refresh what is derived from an interview's content and stored beside it, never edited.

An interview's row holds its search columns (read by interviews.search), its body as its page
shows it (rendered by interviews.body) and the parts of its page drawn from other rows (rendered
by interviews.page_parts). Each function here reads the given interviews' current content in a
fixed number of queries and writes those columns with update(), not save(): derived data is not
an edit, so it makes no new version and sends no signals. Related lists are refreshed by
interviews.related.
"""

from django.db.models import Prefetch

from interviews.body import ImageUnavailable, render_body
from interviews.choices import RENDERED_COLUMNS
from interviews.models import Block, Interview
from interviews.page_parts import BLOCK_FIELDS, render_parts
from interviews.search import CONFIGS, update_search_vectors
from interviews.text import block_text


def refresh_search_index(interview_ids):
    """Rebuild the search columns of the given interviews from their current content."""
    interviews = Interview.objects.filter(pk__in=list(interview_ids)).prefetch_related(
        "blocks", "tags", "experts__translations"
    )
    for interview in interviews:
        parts = [interview.lead]
        for block in interview.blocks.all():
            parts += [block_text(block.text), block.caption]
        # An expert is found by the name in any script the site writes it in.
        names = [
            name
            for expert in interview.experts.all()
            for name in dict.fromkeys([expert.name, *(t.name for t in expert.translations.all())])
        ] + [tag.name for tag in interview.tags.all()]
        Interview.objects.filter(pk=interview.pk).update(
            search_text="\n".join(part for part in parts if part),
            search_names=" · ".join(names),
            search_config=CONFIGS.get(interview.language, "simple"),
        )
    update_search_vectors(Interview.objects.filter(pk__in=list(interview_ids)))


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
        Interview.objects.filter(pk=interview.pk).update(body_html=body)


def refresh_parts(interview_ids):
    """Render and store the page parts of the given interviews from their current rows."""
    interviews = (
        Interview.objects.filter(pk__in=list(interview_ids))
        .without_search_columns()
        .defer(*RENDERED_COLUMNS)
        .with_credits()
        .prefetch_related(
            "credited_experts__expert__translations",
            "tags",
            "corrections",
            Prefetch("blocks", Block.objects.only(*BLOCK_FIELDS)),
        )
    )
    for interview in interviews:
        try:
            parts = render_parts(
                interview,
                interview.credited_experts,
                interview.tags.all(),
                interview.corrections.all(),
                interview.blocks.all(),
                to_store=True,
            )
        except ImageUnavailable:
            parts = {}  # the page renders them on each view until the next change
        Interview.objects.filter(pk=interview.pk).update(page_parts=parts)
