"""Refresh what is derived from an interview's content and stored beside it, never edited.

An interview's row holds its search columns (read by interviews.search), its body as its page
shows it (rendered by interviews.body) and the parts of its page drawn from other rows (rendered
by interviews.page_parts, with the experts' names its cards show). Each function here reads the
given interviews' current content in a fixed number of queries and writes those columns with
update(), not save(): derived data is not an edit, so it makes no new version and sends no
signals. Related lists are refreshed by interviews.related.
"""

from django.db import connection

from interviews import fragments
from interviews.body import ImageUnavailable, render_body
from interviews.choices import RENDERED_COLUMNS, Status
from interviews.models import Interview, SearchEntry
from interviews.page_parts import credit_names, render_feed, render_parts
from interviews.search import CONFIGS, update_search_vectors
from interviews.text import block_text

# What of an interview's row can be outdated by a change to its content; LISTED says it may
# have moved in the lists (its status, publish time or language changed).
BODY, SEARCH, PARTS, LISTED = "body", "search", "parts", "listed"
CONTENT = (BODY, SEARCH, PARTS)


def refresh_search_index(interview_ids):
    """Rebuild the search columns of the given interviews from their current content."""
    refresh_content(dict.fromkeys(interview_ids, {SEARCH}))


def refresh_bodies(interview_ids):
    """Render and store the bodies of the given interviews from their current blocks."""
    refresh_content(dict.fromkeys(interview_ids, {BODY}))


def refresh_parts(interview_ids):
    """Render and store the page parts of the given interviews from their current rows."""
    refresh_content(dict.fromkeys(interview_ids, {PARTS}))


def refresh_content(changes):
    """Store the bodies, search columns and page parts that `changes` ({id: what}) outdate.

    One read of the rows behind all three, for every interview, and one write per interview.
    Return {id: interview} of those read, with their credits and tags (interviews.keys reads them).
    """
    if not changes:
        return {}
    interviews = (
        Interview.objects.filter(pk__in=list(changes))
        .without_search_columns()
        .defer(*RENDERED_COLUMNS)
        .with_credits()
        .prefetch_related(
            "credited_experts__expert__translations", "tags", "blocks", *fragments.stored_relations()
        )
    )
    searched, read = [], {}
    for interview in interviews:
        read[interview.pk] = interview
        what = changes[interview.pk]
        Interview.objects.filter(pk=interview.pk).update(**_columns(interview, what))
        # Only published interviews are searched, through their entries: a draft's vectors wait
        # until it is published, which marks it LISTED.
        if SEARCH in what and (interview.status == Status.PUBLISHED or LISTED in what):
            searched.append(interview.pk)
    store_search_vectors(searched)
    return read


def store_search_vectors(interview_ids):
    """Rebuild the search vectors of these interviews from their search columns, and their search
    entries (interviews.models.search_entries): one for each that is published, none for the others."""
    ids = list(interview_ids)
    if not ids or connection.vendor != "postgresql":
        return
    update_search_vectors(Interview.objects.filter(pk__in=ids))
    entries, interviews = SearchEntry._meta.db_table, Interview._meta.db_table
    with connection.cursor() as cursor:
        # One statement: the published ones' entries written, the others' removed.
        cursor.execute(
            f"WITH gone AS (DELETE FROM {entries} WHERE interview_id = ANY(%s) AND interview_id NOT IN "  # noqa: S608
            f"(SELECT id FROM {interviews} WHERE id = ANY(%s) AND status = %s)) "
            f"INSERT INTO {entries} (interview_id, publish_at, language, vector) "
            f"SELECT id, publish_at, language, search_vector FROM {interviews} "
            "WHERE id = ANY(%s) AND status = %s "
            "ON CONFLICT (interview_id) DO UPDATE SET publish_at = EXCLUDED.publish_at, "
            "language = EXCLUDED.language, vector = EXCLUDED.vector",
            [ids, ids, Status.PUBLISHED, ids, Status.PUBLISHED],
        )


def search_columns(interview, blocks, experts, tags):
    """Return the search columns of an interview (but the vectors) from its blocks, experts and tags.

    Each expert comes with its translations prefetched.
    """
    parts = [interview.lead]
    for block in blocks:
        parts += [block_text(block.text), block.caption]
    # An expert is found by the name in any script the site writes it in.
    names = [
        name
        for expert in experts
        for name in dict.fromkeys([expert.name, *(t.name for t in expert.translations.all())])
    ] + [tag.name for tag in tags]
    return {
        "search_text": "\n".join(part for part in parts if part),
        "search_names": " · ".join(names),
        "search_config": CONFIGS.get(interview.language, "simple"),
    }


def _columns(interview, what):
    credits = interview.credited_experts
    blocks = list(interview.blocks.all())
    tags = list(interview.tags.all())
    columns = {}
    if SEARCH in what:
        # As interview.experts.all() lists them: by name.
        experts = sorted((credit.expert for credit in credits), key=lambda expert: expert.name)
        columns.update(search_columns(interview, blocks, experts, tags))
    if BODY in what:
        try:
            columns["body_html"] = render_body(interview, blocks, to_store=True, credits=credits)
        except ImageUnavailable:
            columns["body_html"] = ""  # the page renders it on each view until the next save
    if PARTS in what:
        columns["credit_names"] = credit_names(interview, credits)
        columns["feed_html"] = render_feed(interview, blocks, credits)
        try:
            # Each stored fragment's rows are prefetched (interviews.fragments).
            columns["page_parts"] = render_parts(interview, credits, tags, None, blocks, to_store=True)
        except ImageUnavailable:
            columns["page_parts"] = {}  # the page renders them on each view until the next change
    return columns
