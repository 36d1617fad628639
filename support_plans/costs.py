"""What provision costs over a period, by its dates, in one place for every page and PDF: a
provision's weekly cost (staff time at the hourly rate, shared by its group, plus its fixed
cost a year spread over the 39 teaching weeks) times the teaching weeks it runs inside the
period. The period is this school year by default, or the school year to date. A pupil's cost
is compared with the nationally prescribed threshold (a setting, £6,000 by default), above
which a school can ask for top-up funding."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings

from sen_register.core.dates import in_words

from .teaching_weeks import TEACHING_WEEKS_A_YEAR, school_year_of, teaching_weeks_between

PENNY = Decimal("0.01")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str

    @classmethod
    def school_year(cls, today):
        start = date(school_year_of(today), 9, 1)
        end = date(start.year + 1, 8, 31)
        return cls(start, end, f"this school year ({in_words(start)} to {in_words(end)})")

    @classmethod
    def to_date(cls, today):
        start = date(school_year_of(today), 9, 1)
        return cls(
            start, today, f"this school year to date ({in_words(start)} to {in_words(today)})"
        )

    @classmethod
    def asked(cls, value, today):
        """The period a page was asked for: "to_date", or the whole school year."""
        return cls.to_date(today) if value == "to_date" else cls.school_year(today)


def threshold():
    return Decimal(settings.SEN_PROVISION_THRESHOLD_GBP)


def above_threshold(cost):
    return cost > threshold()


def weeks_in(provision, period):
    """The teaching weeks the provision runs inside the period."""
    first = max(provision.starts_on, period.start)
    last = min(provision.ends_on or period.end, period.end)
    return teaching_weeks_between(first, last)


def group_hours_a_week(provision):
    """Staff hours a week, once for the whole group."""
    return Decimal(str(provision.sessions_per_week)) * provision.minutes_per_session / 60


def weekly_cost(provision):
    """One pupil's share of a teaching week of the provision."""
    cost = Decimal(0)
    if provision.hourly_rate is not None:
        cost += provision.hourly_rate * group_hours_a_week(provision) / provision.group_size
    if provision.fixed_cost is not None:
        cost += provision.fixed_cost / TEACHING_WEEKS_A_YEAR
    return cost


def cost_in(provision, period):
    """One pupil's cost of the provision over the period, to the penny."""
    return (weekly_cost(provision) * weeks_in(provision, period)).quantize(PENNY)


def staff_hours_in(provision, period):
    """The group's staff hours over the period (counted once however many share them)."""
    return group_hours_a_week(provision) * weeks_in(provision, period)


def pupil_cost(provisions, period):
    """A pupil's cost of the given provisions over the period."""
    return sum((cost_in(p, period) for p in provisions), Decimal("0.00"))
