import shutil
import tempfile

import pytest


@pytest.fixture(autouse=True, scope="session")
def _media_root(django_test_environment):
    """Keep uploads made by tests out of the project's media folder."""
    from django.conf import settings

    folder = tempfile.mkdtemp(prefix="cms-test-media-")
    settings.MEDIA_ROOT = folder
    yield
    shutil.rmtree(folder, ignore_errors=True)
