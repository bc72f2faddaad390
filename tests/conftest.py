import pytest
from django.core.cache import cache, caches
from django.utils import translation


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    caches["fragments"].clear()  # this process's own copy of the fragments (core.fragments)
    yield
    cache.clear()


@pytest.fixture
def documents_storage(settings, tmp_path):
    """Challenge documents stored in a folder of this test only (not the var directory): its
    path."""
    location = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location},
        },
    }
    return location


@pytest.fixture(autouse=True)
def _dutch_again():
    """A request to /en/ leaves English active in the worker's thread: every test starts and
    ends in the site's default language, whatever the test before it asked for."""
    translation.activate("nl")
    yield
    translation.activate("nl")
