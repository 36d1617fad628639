"""What a pupil's provision costs in a year, against the nationally prescribed threshold above
which a school can ask for top-up funding (a setting, £6,000 by default)."""

from decimal import Decimal

from django.conf import settings


def threshold():
    return Decimal(settings.SEN_PROVISION_THRESHOLD_GBP)


def annual_cost(provisions):
    """The pupil's share of a year of the given provisions."""
    return sum((p.cost_a_year_per_pupil for p in provisions), Decimal("0.00"))


def above_threshold(cost):
    return cost > threshold()
