"""The site's settings for the benchmark's server and commands: the floor page routed, and
`manage.py generate_dataset` installed. scripts/benchmark sets DJANGO_SETTINGS_MODULE to this."""

from cms.settings import *  # noqa: F403 (the whole site's settings, three changed)
from cms.settings import INSTALLED_APPS, PAGE_CACHE_PRIVATE_SECTIONS

INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]
ROOT_URLCONF = "benchmarks.urls"
# The floor is measured uncached, as every page is the first time.
PAGE_CACHE_PRIVATE_SECTIONS = {*PAGE_CACHE_PRIVATE_SECTIONS, "_floor"}
