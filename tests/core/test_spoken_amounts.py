"""Amounts over a million read as people say them; the tables keep the exact figure."""

import pytest
from django.utils import translation

from uitdaagrecht.core.templatetags.ou import euros_spoken

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "unit", "nl", "en"),
    [
        (852_000_000, "", "€ 852 miljoen", "€ 852 million"),
        (852_000, "k", "€ 852 miljoen", "€ 852 million"),
        (1_234_567, "", "€ 1,2 miljoen", "€ 1.2 million"),
        (12_345_678, "", "€ 12 miljoen", "€ 12 million"),
        (3_000_000, "", "€ 3 miljoen", "€ 3 million"),
        (2_500_000_000, "", "€ 2,5 miljard", "€ 2.5 billion"),
        (679_500, "", "€ 679.500", "€ 679,500"),
        (None, "", "—", "—"),
    ],
)
def test_amounts_as_people_say_them(value, unit, nl, en):
    with translation.override("nl"):
        assert euros_spoken(value, unit).replace(NBSP, " ") == nl
    with translation.override("en"):
        assert euros_spoken(value, unit).replace(NBSP, " ") == en
