"""What search matches on PostgreSQL: one narrow row per published interview.

An interview's own row is wide (its lead, head vector and the pointers to its stored body and
parts): to find the newest of 91,000 interviews that match a common word, PostgreSQL read the
whole 180 MB table. A search entry holds only what matching and the first ordering need (the
publish time, the language and the full search vector, kept out of line) in about 80 bytes, so
the same scan reads 8 MB. Entries are derived data, written with the search columns
(interviews.derived) for every published interview, live or scheduled, and removed when it is
not published any more. SQLite searches the plain text and keeps none.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    interview = models.OneToOneField(
        "interviews.Interview", on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    publish_at = models.DateTimeField(null=True)
    language = models.CharField(max_length=8)
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"Search entry of interview {self.interview_id}"
