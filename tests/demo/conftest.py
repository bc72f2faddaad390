"""The demo municipality with its example challenges, loaded without the national files."""

import pytest

from tests.factories import MunicipalityFactory
from uitdaagrecht.budgets.services import taakvelden_load
from uitdaagrecht.demo.loader import demo_load


@pytest.fixture
def zwolle_demo(settings, tmp_path, documents_storage):
    """The demo municipality and its accounts, as `make demo` loads them."""
    settings.MEDIA_ROOT = tmp_path / "media"  # the demo's logo
    taakvelden_load()
    MunicipalityFactory(cbs_code="GM0193", name="Zwolle", slug="zwolle", province="Overijssel")
    return demo_load()
