"""Security defects of issue 12, each with the test that failed before its fix (sections numbered
as in the issue): registration that hands an account to someone else, confirmation links that log
in more than once, registration that tells by its timing who has an account, feeds that turn text
into HTML, the login lockout, events injected into the calendar, and uploaded file names."""

import pytest

from uitdaagrecht.challenges.documents import safe_name

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- 9. uploads


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("....pdf", "document.pdf"),
        (".pdf", "document.pdf"),
        (" . .docx", "document.docx"),
        ("../....pdf", "document.pdf"),
        ("rapport.pdf.", "rapport.pdf"),
        ("...", "document"),
        ("..verslag.pdf", "verslag.pdf"),
    ],
)
def test_a_file_name_of_only_dots_and_an_extension_keeps_a_name(name, stored):
    assert safe_name(name) == stored
