"""The page cache's clock (cms/pagecache/store.py), and so the app's migrations; migrate then also
makes the database cache's table (apps.py)."""

from django.db import models


class Clock(models.Model):
    """One row counting the changes that outdated cached pages, advanced by one atomic UPDATE.

    The shared cache holds a copy that every request reads; the count itself lives here because
    only the database increments atomically whatever the cache is (the database cache's incr()
    reads, then writes), and a reading that went backwards could let a page outlive a save.
    """

    value = models.BigIntegerField(default=0)

    class Meta:
        db_table = "pagecache_clock"

    def __str__(self):
        return f"Page cache clock at {self.value}"
