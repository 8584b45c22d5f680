"""Addresses that answered once and now answer a 301 to where their page lives (see moves.py).

Django's django.contrib.redirects would do this, but keeps paths in 200 characters: the address of
a Russian interview with an ordinary title ("Как изменилась трудовая миграция из Центральной Азии")
is 298 characters percent-encoded, and PostgreSQL refuses the row, failing the editor's save. Paths
are kept here as Django reads them (request.path: decoded, not percent-encoded) with room to spare.
"""

from django.db import models


class OldAddress(models.Model):
    old_path = models.CharField(max_length=2000, unique=True)
    new_path = models.CharField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old address"
        verbose_name_plural = "old addresses"

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"
