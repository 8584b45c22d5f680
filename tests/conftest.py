import shutil
import tempfile

import pytest


@pytest.fixture(autouse=True, scope="session")
def _media_root(django_test_environment):
    """Keep uploads made by tests out of the project's media folder."""
    from django.conf import settings

    folder = tempfile.mkdtemp(prefix="cms-test-media-")
    settings.MEDIA_ROOT = folder
    # Tests see pages as rendered; tests/test_pagecache.py turns the page cache on where it is the subject.
    settings.PAGE_CACHE_SECONDS = 0
    yield
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True, scope="session")
def _jobs_in_the_test(django_test_environment):
    """Run queued jobs at once, inside the test; tests/test_jobs.py starts a real worker for its own."""
    from django.test import override_settings

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ):
        yield


@pytest.fixture(autouse=True, scope="session")
def _refresh_in_the_test(django_test_environment):
    """Refresh derived data at every change, inside the test; tests/test_save_queries.py waits for commits."""
    from django.test import override_settings

    with override_settings(REFRESH_AT_ONCE=True):
        yield


@pytest.fixture(autouse=True, scope="session")
def _translations(django_test_environment):
    """Compile the interface's catalogues, as setup does, so Russian pages are in Russian."""
    from cms.translations.catalogues import compile_catalogues

    compile_catalogues()


@pytest.fixture(autouse=True)
def _fresh_limits():
    """Start each test with empty local-memory caches, so one test's requests do not rate-limit the next."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    for cache in caches.all(initialized_only=True):
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Start each test in the default language: a request leaves its page's language active, and
    reverse() would otherwise give the next test's addresses under /ru/ (as Django's own
    LocaleMiddleware tests reset it)."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


def pytest_collection_modifyitems(config, items):
    """Skip tests marked postgres unless the suite runs on PostgreSQL."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
