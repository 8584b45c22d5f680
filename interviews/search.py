"""Search over interviews: full text with ranking on PostgreSQL, plain matching on SQLite.

Each interview keeps its searchable text in its own columns (search_text: lead and body;
search_names: experts and tags), refreshed once the transaction of a change commits
(interviews.refresh, through interviews.derived); this module
reads them, from the querysets it is given. On PostgreSQL two weighted tsvectors are stored
beside them, built with the text-search configuration of the interview's language.
search_vector holds everything and decides what matches; it is copied, for each published
interview, into a narrow search entry (interviews.models.search_entries) with a GIN index.
search_head holds the title, people, topics and lead and decides the order.

Time is bounded whatever a query matches. The matches come from the entries' GIN index, never
from a walk of every row: a planner that took a word for common walked the table, reading each
row's 10 kB vector out of line (TOAST), and took 9 s for a word in 3 % of 100,000 interviews.
Only the newest CANDIDATES matches are ranked, so a word found in every interview costs what
one found in 500 does; beyond that many the page says "more than". A match in the body alone
ranks after every match in the head, newest first; so does a query whose words are found in the
head only in part.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Lookup, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
# Matches ranked at most (about 40 pages); more are counted as "more than" this.
CANDIDATES = 500
MAX_TERMS = 12
SNIPPET_CHARS = 240
# Places inside words a snippet's term is checked at before the rest of the text is searched whole.
PLACES_CHECKED = 50
CONFIGS = {"en": "english", "ru": "russian"}

_WORDS = re.compile(r"\w+", re.UNICODE)
# Markers around matches that cannot occur in text; swapped for <mark> after escaping.
_START, _STOP = "\x02", "\x03"


def clean_query(raw):
    """Return the reader's query trimmed to a sensible length, or '' when it has no words."""
    query = " ".join((raw or "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
    return query if _WORDS.search(query) else ""


def search_vectors():
    """Return the expressions of both PostgreSQL search vectors, by column, over an interview's row."""
    config = F("search_config")
    head = (
        SearchVector("title", weight="A", config=config)
        + SearchVector("search_names", weight="A", config=config)
        + SearchVector("lead", weight="B", config=config)
    )
    body = SearchVector("search_text", weight="C", config=config)
    return {"search_vector": head + body, "search_head": head}


def update_search_vectors(interviews):
    """Rebuild, in one set-based UPDATE, both PostgreSQL search vectors of the given interviews."""
    if connection.vendor == "postgresql":
        interviews.update(**search_vectors())


def search_interviews(interviews, raw_query, entries=None):
    """Return interviews matching raw_query, ranked.

    On PostgreSQL `entries` are the search entries of the same interviews (the same filters),
    where the matches are found; at most CANDIDATES + 1 are returned.
    """
    query = clean_query(raw_query)
    if not query:
        return interviews.none()
    if connection.vendor == "postgresql":
        return _postgres_search(interviews, query, entries)
    return _simple_search(interviews, query)


def more_than(count):
    """Return the number a page of `count` results says it has more than, or None for an exact count."""
    return CANDIDATES if count > CANDIDATES else None


def match_query(query):
    """Return the PostgreSQL query of a reader's words in every configuration interviews use,
    each distinct form once, or None when no configuration makes words of them.

    Each interview was indexed with its own language's configuration, so the words are asked in
    all of them. A name, or a word no stemmer changes, reads the same in each: asked three times
    over, the index read its long list of matches three times.
    """
    configs = ["simple", *CONFIGS.values()]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT websearch_to_tsquery(config::regconfig, %s)::text "
            "FROM unnest(%s::text[]) AS config",
            [query, configs],
        )
        forms = sorted(form for (form,) in cursor.fetchall() if form)
    if not forms:
        return None
    return ParsedQuery(" | ".join(f"({form})" for form in forms))


class ParsedQuery(SearchQuery):
    """A tsquery from its text form, cast as it is: no parser or dictionary reads it again."""

    template = "(%(expressions)s)::tsquery"


def _postgres_search(interviews, query, entries):
    ts_query = match_query(query)
    if ts_query is None:
        return interviews.none()
    newest = entries.filter(vector=ts_query).order_by("-publish_at", "-pk")
    with transaction.atomic(using=entries.db), connection.cursor() as cursor:
        # Bitmap scans of the GIN index, never a walk of every entry (see above); for this
        # statement only.
        cursor.execute("SET LOCAL enable_seqscan = off")
        ids = list(newest.values_list("pk", flat=True)[: CANDIDATES + 1])
    return (
        interviews.filter(AnyOf(F("pk"), ids))
        # Only the database reads the vectors; fetching them too took a third of the query's time.
        .defer("search_vector", "search_head")
        # No ts_headline: it parses the whole text of every result (about 7 ms each for 1,500
        # words), more than the search itself; snippet() finds the match in Python instead.
        .annotate(rank=SearchRank(F("search_head"), ts_query))
        .order_by(F("rank").desc(nulls_last=True), "-publish_at", "-pk")
    )


class AnyOf(Lookup):
    """`column = ANY(%s)`, the candidates passed as one array: as `IN (%s, %s, …)` the page's
    count and its rows each bound 500 parameters one by one, a quarter of the search page's time."""

    def as_sql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        # A lookup used as an expression gets its plain right-hand side wrapped in a Value.
        values = self.rhs.value if isinstance(self.rhs, Value) else self.rhs
        return f"{column} = ANY(%s)", [*params, list(values)]


def _simple_search(interviews, query):
    terms = [term.lower() for term in _WORDS.findall(query)][:MAX_TERMS]
    condition = Q()
    for term in terms:
        # SQLite's LIKE folds ASCII only; its REGEXP is Python's, which folds every script.
        pattern = re.escape(term)
        condition &= (
            Q(title__iregex=pattern) | Q(search_names__iregex=pattern) | Q(search_text__iregex=pattern)
        )
    return (
        interviews.filter(condition)
        .annotate(
            rank=Case(
                When(title__iregex=re.escape(terms[0]), then=Value(3)),
                When(search_names__iregex=re.escape(terms[0]), then=Value(2)),
                When(lead__iregex=re.escape(terms[0]), then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("-rank", "-publish_at", "-pk")
    )


def snippet(interview, raw_query):
    """Return safe HTML: the part of the interview around the query, matches marked."""
    headline = getattr(interview, "headline", None)
    if headline is None:
        headline = _simple_headline(interview.search_text, clean_query(raw_query))
    marked = escape(headline).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(marked)


def _stem(term):
    """Return the start of a word that its inflected forms share, roughly ("rivers" → "rive")."""
    return term if len(term) <= 4 else term[: max(4, len(term) - 2)]


def _first(pattern, alternatives, text):
    """Return the first match of pattern (case-insensitive, from a word's start) in text.

    A pattern that opens with \\b, or ignores case, cannot skip ahead to its first letters: it
    took 3 ms to cross a long interview. So the terms are found as plain strings in the
    lowercased text (a tenth of that), and pattern checks each place found. Lowercasing must keep
    every offset; where a letter becomes two ("İ"), pattern crosses the text itself.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        return pattern.search(text)
    finder = re.compile(alternatives)  # the terms, lowercased and escaped
    position = 0
    for _ in range(PLACES_CHECKED):
        found = finder.search(lowered, position)
        if found is None:
            return None
        if match := pattern.match(text, found.start()):
            return match
        position = found.start() + 1
    # A term found inside many words ("ing"): cross the rest once, as the pattern does.
    return pattern.search(text, position)


def _simple_headline(text, query):
    terms = sorted({_stem(term.lower()) for term in _WORDS.findall(query)}, key=len, reverse=True)
    # Whole words that begin like a query term, so "River" finds and marks "rivers" too.
    alternatives = "|".join(re.escape(term) for term in terms)
    pattern = re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)
    found = _first(pattern, alternatives, text) if terms else None
    start = max(0, found.start() - SNIPPET_CHARS // 3) if found else 0
    excerpt = text[start : start + SNIPPET_CHARS]
    if terms:
        excerpt = pattern.sub(lambda match: f"{_START}{match.group(0)}{_STOP}", excerpt)
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_CHARS < len(text) else ""
    return f"{prefix}{excerpt}{suffix}"
