"""Search in the benchmark: every kind of query a reader types, timed with the page cache off at
one connection, since a search's time depends on how many interviews its words match.

The words are chosen from the dataset itself (choose(), in a process with Django set up): a rare
word, words found in 2-5 % of the public interviews (one that titles use, one found only in
bodies, an expert's name), a word found in every interview, and that word again with each
filter (an expert, a topic, a language). Each one's exact number of matches is counted directly
in the database, so the report says what the page had to deal with whatever the page shows.
"""

import json

P95_TARGET_MS = 100
COMMON_SHARE = 0.03  # the middle of "common": 2-5 % of the public interviews
SAMPLE, TITLE_SAMPLE = 400, 5000


def choose():
    """Print, as JSON, {kind: {"path": the search address, "matches": exact public matches}}."""
    import collections
    import random
    import re

    from django.contrib.postgres.search import SearchQuery
    from django.db import connection
    from django.db.models import Count
    from taggit.models import Tag

    from interviews.models import Expert, Interview
    from interviews.search import CONFIGS

    rng = random.Random(11)
    published = Interview.objects.published()
    ids = list(published.values_list("pk", flat=True))
    rows = list(
        Interview.objects.filter(pk__in=rng.sample(ids, min(len(ids), SAMPLE))).values_list(
            "title", "search_text", "search_names"
        )
    )
    titles = Interview.objects.filter(pk__in=rng.sample(ids, min(len(ids), TITLE_SAMPLE)))
    title_words = collections.Counter(
        word for title in titles.values_list("title", flat=True) for word in set(_words(title))
    )
    found = collections.Counter(
        word for title, text, _names in rows for word in set(_words(f"{title} {text}"))
    )
    share = {word: count / len(rows) for word, count in found.items()}
    common = [word for word, part in share.items() if 0.02 <= part <= 0.05] or sorted(
        share, key=lambda word: abs(share[word] - COMMON_SHARE)
    )[:50]
    names = collections.Counter(
        pair
        for _title, _text, people in rows
        for pair in set(re.findall(r"([A-Z][a-z]+ [A-Z][a-z]+) \d+", people))
    )
    everywhere = max(share, key=lambda word: (share[word], word))
    expert = (
        Expert.objects.filter(interviews__in=published).annotate(n=Count("interviews")).order_by("-n").first()
    )
    tag = (
        Tag.objects.filter(interviews_taggedinterview_items__content_object__in=published)
        .annotate(n=Count("interviews_taggedinterview_items"))
        .order_by("-n")
        .first()
    )
    queries = {
        "rare word": (min((w for w in found if found[w] == 1 and len(w) >= 8), default=everywhere), ""),
        "title word, 2-5 %": (max(common, key=lambda word: (title_words[word], word)), ""),
        "body word, 2-5 %": (
            min(common, key=lambda word: (title_words[word], abs(share[word] - COMMON_SHARE), word)),
            "",
        ),
        "expert's name, 2-5 %": (
            min(names, key=lambda pair: (abs(names[pair] / len(rows) - COMMON_SHARE), pair))
            if names
            else everywhere,
            "",
        ),
        "word in every interview": (everywhere, ""),
        "… by one expert": (everywhere, f"&expert={expert.slug}"),
        "… on one topic": (everywhere, f"&tag={tag.slug}"),
        "… in Russian": (everywhere, "&language=ru"),
    }
    chosen = {}
    for kind, (words, extra) in queries.items():
        matching = published
        if "expert=" in extra:
            matching = matching.filter(experts=expert)
        elif "tag=" in extra:
            matching = matching.filter(tags=tag)
        elif "language=" in extra:
            matching = matching.filter(language="ru")
        if connection.vendor == "postgresql":
            query = SearchQuery(words, config="simple", search_type="websearch")
            for config in CONFIGS.values():
                query |= SearchQuery(words, config=config, search_type="websearch")
            matches = matching.filter(search_vector=query).count()
        else:
            matches = None
        chosen[kind] = {
            "path": "/search/?q=" + words.replace(" ", "+") + extra,
            "words": words,
            "matches": matches,
        }
    print(json.dumps(chosen))


def _words(text):
    import re

    return re.findall(r"[a-z]{6,}", text.lower())


def measure(bench, duration=5):
    """Time each kind of query through bench's running server (page cache off); return the figures."""
    chosen = json.loads(bench.django_eval("from benchmarks.search_kinds import choose; choose()"))
    results = {}
    for kind, query in chosen.items():
        results[kind] = {**query, **bench.load("search", [query["path"]], 1, duration=duration)}
    return results


def report_lines(results, public):
    """Return the results file's "Search" section."""
    lines = [
        "## Search, by kind of query",
        "",
        "Page cache off, one connection, the first page of results. Matches are the public "
        "interviews the words are found in, counted directly in the database.",
        "",
        f"| query | words | matches | share | req/s | p50 ms | p95 ms | p99 ms | p95 < {P95_TARGET_MS} ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for kind, row in results.items():
        matches = row["matches"]
        share = f"{matches / public:.1%}" if matches is not None and public else "—"
        completed = row["requests"] and not row["errors"]
        p95 = row["p95"] / 1000
        verdict = ("met" if p95 < P95_TARGET_MS else "MISSED") if completed else "timed out"
        lines.append(
            f"| {kind} | {row['words']} | {'—' if matches is None else f'{matches:,}'} | {share} | "
            f"{row['rps']:,.1f} | {row['p50'] / 1000:.1f} | {p95:.1f} | {row['p99'] / 1000:.1f} | {verdict} |"
        )
    return [*lines, ""]
