"""School Census days: autumn, the first Thursday of October; spring, the third Thursday of
January; summer, the third Thursday of May."""

from dataclasses import dataclass
from datetime import date, timedelta

THURSDAY = 3


def nth_thursday(year, month, n):
    first = date(year, month, 1)
    first_thursday = first + timedelta(days=(THURSDAY - first.weekday()) % 7)
    return first_thursday + timedelta(weeks=n - 1)


@dataclass(frozen=True)
class CensusDay:
    term: str  # "autumn", "spring" or "summer"
    on: date

    @property
    def label(self):
        day = self.on
        return f"{self.term.capitalize()} census, {day:%A} {day.day} {day:%B %Y}"


def census_days_of_year(year):
    """The three census days in a calendar year, in date order."""
    return [
        CensusDay("spring", nth_thursday(year, 1, 3)),
        CensusDay("summer", nth_thursday(year, 5, 3)),
        CensusDay("autumn", nth_thursday(year, 10, 1)),
    ]


def next_census_day(today):
    """The first census day on or after `today`."""
    for year in (today.year, today.year + 1):
        for day in census_days_of_year(year):
            if day.on >= today:
                return day
    raise AssertionError("unreachable: every year has an autumn census day")


def recent_census_days(today, count=6):
    """The next census day and the ones before it, newest first (for choosing a day)."""
    days = [
        day for year in range(today.year - 3, today.year + 2) for day in census_days_of_year(year)
    ]
    upcoming = next_census_day(today)
    earlier = [d for d in days if d.on <= upcoming.on]
    return list(reversed(earlier))[:count]


# The days any census page or file may be asked about: well before the register's records
# and well after, so that arithmetic on them (a year before, a week after) stays in range.
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)


def day_problem(day):
    """Why `day` cannot be a census day asked about, or None."""
    if not EARLIEST <= day <= LATEST:
        return f"Choose a day between {EARLIEST.year} and {LATEST.year}."
    return None
