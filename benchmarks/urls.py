"""The site's addresses, and /_floor/: the constant page every page is compared with."""

from django.urls import path

from benchmarks.views import floor
from cms import urls as site

handler500 = site.handler500
# Spliced in rather than include()d: Django refuses i18n_patterns in an included URLconf.
urlpatterns = [path("_floor/", floor), *site.urlpatterns]
