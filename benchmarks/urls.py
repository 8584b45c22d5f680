"""The site's addresses, and /_floor/: the constant page every page is compared with."""

from django.urls import path

from benchmarks.views import floor
from cms import urls as site

handler500 = site.handler500
# Spliced in rather than include()d: Django refuses i18n_patterns in an included URLconf. Last,
# as every reader page is found after the site's other addresses: the floor pays for the same
# walk through the URLconf, as it did when the site routed it (the ratios before 2026-12-04).
urlpatterns = [*site.urlpatterns, path("_floor/", floor)]
