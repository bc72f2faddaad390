import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _dutch_afterwards():
    """A request to /en/ leaves English active in this thread; the next test expects Dutch."""
    yield
    translation.activate("nl")
