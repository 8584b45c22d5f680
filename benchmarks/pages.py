"""The pages the benchmark loads: realistic addresses of each kind, chosen from the dataset, and
each page's query count and plans, counted through Django's test client (the server runs with
DEBUG off and records none)."""

import json

from benchmarks.report import PAGES


def choose_urls(bench):
    """Ask the database for realistic addresses of each kind of page, as JSON."""
    code = f"""
import collections, json, random, re
from django.conf import settings
from django.db.models import Count
from taggit.models import Tag
from interviews.models import Expert, Interview
rng = random.Random(7)
published = Interview.objects.published()
ids = list(published.values_list("pk", flat=True))
sample = Interview.objects.filter(pk__in=rng.sample(ids, min(len(ids), {bench.args.sample})))
slugs = [i.get_absolute_url() for i in sample.only("slug")]
expert = (Expert.objects.filter(interviews__in=published).annotate(n=Count("interviews"))
          .order_by("-n").first())
tag = Tag.objects.filter(interviews_taggedinterview_items__content_object__in=published).annotate(
    n=Count("interviews_taggedinterview_items")).order_by("-n").first()
pages = -(-len(ids) // settings.INTERVIEWS_PER_PAGE)
interview = published.filter(pk__in=ids[:50]).prefetch_related("blocks").first()
answer = next(b for b in interview.blocks.all() if b.kind == "answer")
words = re.sub("<[^>]+>", "", answer.text).split()[3:8]
# A word about 2 % of interviews use, as a reader's topical query would be.
texts = published.filter(pk__in=rng.sample(ids, min(len(ids), 300))).values_list("search_text", flat=True)
frequency = collections.Counter(w for t in texts for w in set(re.findall(r"[a-z]{{6,}}", t.lower())))
term = min(frequency, key=lambda w: (abs(frequency[w] - len(texts) * 0.02), w))
print(json.dumps({{
    "interview": slugs,
    "home": ["/"],
    "expert": [expert.get_absolute_url()],
    "tag": ["/tags/%s/" % tag.slug],
    "archive p200": ["/?page=%d" % min(200, pages)],
    "archive p1": ["/?page=1"],
    "search": ["/search/?q=" + term],
    "feed": ["/feed/"],
    "report POST": ["/reports/"],
    "report_body": {{"selection": " ".join(words), "context_before": "", "context_after": "",
                     "page": interview.get_absolute_url(), "comment": "typo", "email": "", "website": ""}},
    "archive_pages": pages, "expert_interviews": expert.n, "tag_interviews": tag.n,
    "published": len(ids), "total": Interview.objects.count(),
}}))
"""
    return json.loads(bench.django_eval(code))


def count_queries(bench, urls):
    """Return each page's query count, and EXPLAIN ANALYZE of its slowest queries on PostgreSQL."""
    code = f"""
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
urls = json.loads({json.dumps(json.dumps(urls))})
client = Client(headers={{"X-Forwarded-Proto": "https"}})
counts, plans = {{}}, {{}}
with override_settings(PAGE_CACHE_SECONDS=0):
    for name in {PAGES + ["archive p1"]!r}:
        path = urls[name][0]
        for _ in range(2):  # the second run is the one counted: warm connections and caches
            with CaptureQueriesContext(connection) as queries:
                if name == "report POST":
                    response = client.post(path, urls["report_body"], content_type="application/json")
                else:
                    response = client.get(path)
        assert response.status_code in (200, 201), (name, response.status_code)
        counts[name] = len(queries)
        if connection.vendor == "postgresql":
            slow = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:2]
            plans[name] = []
            for query in slow:
                if not query["sql"].lstrip().upper().startswith("SELECT"):
                    continue
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                    plan = "\\n".join(row[0] for row in cursor.fetchall())
                plans[name].append({{"ms": float(query["time"]) * 1000, "sql": query["sql"], "plan": plan}})
print(json.dumps({{"counts": counts, "plans": plans}}))
"""
    return json.loads(bench.django_eval(code))
