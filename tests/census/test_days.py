from datetime import date

import pytest

from census.days import census_days_of_year, next_census_day, recent_census_days


@pytest.mark.parametrize(
    ("year", "spring", "summer", "autumn"),
    [
        (2025, date(2025, 1, 16), date(2025, 5, 15), date(2025, 10, 2)),
        (2026, date(2026, 1, 15), date(2026, 5, 21), date(2026, 10, 1)),
        (2027, date(2027, 1, 21), date(2027, 5, 20), date(2027, 10, 7)),
    ],
)
def test_census_days_are_the_set_thursdays(year, spring, summer, autumn):
    days = census_days_of_year(year)
    assert [(d.term, d.on) for d in days] == [
        ("spring", spring),
        ("summer", summer),
        ("autumn", autumn),
    ]
    assert all(d.on.weekday() == 3 for d in days)


def test_the_next_census_day_is_today_on_census_day():
    assert next_census_day(date(2026, 10, 1)).on == date(2026, 10, 1)


def test_after_the_autumn_census_the_next_is_in_january():
    upcoming = next_census_day(date(2026, 11, 23))
    assert (upcoming.term, upcoming.on) == ("spring", date(2027, 1, 21))
    assert upcoming.label == "Spring census, Thursday 21 January 2027"


def test_recent_census_days_start_with_the_next_one():
    days = recent_census_days(date(2026, 11, 23), count=3)
    assert [d.on for d in days] == [date(2027, 1, 21), date(2026, 10, 1), date(2026, 5, 21)]
