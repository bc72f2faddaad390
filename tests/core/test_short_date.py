"""Dates in tables in one Dutch style: "19 okt. 2026", never "19 Okt" or "6 Dec"."""

import datetime

import pytest
from django.utils import translation

from uitdaagrecht.core.templatetags.ou import short_date


@pytest.mark.parametrize(
    ("day", "nl", "en"),
    [
        (datetime.date(2026, 10, 19), "19 okt. 2026", "19 Oct 2026"),
        (datetime.date(2026, 12, 6), "6 dec. 2026", "6 Dec 2026"),
        (datetime.date(2026, 5, 1), "1 mei 2026", "1 May 2026"),
        (datetime.date(2026, 3, 9), "9 mrt. 2026", "9 Mar 2026"),
    ],
)
def test_short_dates(day, nl, en):
    with translation.override("nl"):
        assert short_date(day) == nl
    with translation.override("en"):
        assert short_date(day) == en


def test_an_aware_moment_is_shown_on_its_dutch_day(settings):
    late = datetime.datetime(2026, 10, 19, 23, 30, tzinfo=datetime.UTC)  # 20 Oct in Amsterdam
    with translation.override("nl"):
        assert short_date(late) == "20 okt. 2026"
        assert short_date(None) == ""
