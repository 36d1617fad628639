"""Teaching weeks: the 39 weeks of a school year in which provision runs, for costing it by
its dates. Schools in England teach 39 weeks (190 days); without a school's own term dates the
register takes the usual pattern: a school year from the first Monday in September, with a
week off at each half term (the last week of October, the third week of February, the last
week of May), two at Christmas (the weeks of 25 December and 1 January) and two at Easter (the
weeks either side of Easter Sunday); the summer holiday is what follows the 39th week."""

from datetime import date, timedelta
from functools import lru_cache

TEACHING_WEEKS_A_YEAR = 39
WEEK = timedelta(weeks=1)


def monday_of(day):
    return day - timedelta(days=day.weekday())


def easter_sunday(year):
    """The Gregorian Easter Sunday (the anonymous algorithm of 1876)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _last_monday(year, month):
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return monday_of(next_month - timedelta(days=1))


def _holiday_mondays(autumn_year):
    spring = autumn_year + 1
    easter = easter_sunday(spring)
    third_monday_of_february = monday_of(date(spring, 2, 21))
    return {
        _last_monday(autumn_year, 10),
        monday_of(date(autumn_year, 12, 25)),
        monday_of(date(spring, 1, 1)),
        third_monday_of_february,
        easter - timedelta(days=6),
        easter + timedelta(days=1),
        _last_monday(spring, 5),
    }


@lru_cache(maxsize=64)
def teaching_mondays(autumn_year):
    """The Mondays of the 39 teaching weeks of the school year starting in September of
    `autumn_year`, in order."""
    first = date(autumn_year, 9, 1)
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    holidays = _holiday_mondays(autumn_year)
    weeks = []
    while len(weeks) < TEACHING_WEEKS_A_YEAR:
        if monday not in holidays:
            weeks.append(monday)
        monday += WEEK
    return tuple(weeks)


def school_year_of(day):
    """The year of the September that began the school year `day` falls in."""
    return day.year if day.month >= 9 else day.year - 1


def teaching_weeks_between(first, last):
    """How many teaching weeks run between two days, both counted (a week counts when any of
    its school days, Monday to Friday, falls between them)."""
    if last < first:
        return 0
    count = 0
    for year in range(school_year_of(first), school_year_of(last) + 1):
        count += sum(
            1 for m in teaching_mondays(year) if m <= last and m + timedelta(days=4) >= first
        )
    return count
