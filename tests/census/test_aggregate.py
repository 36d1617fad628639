"""The database's figures for many schools agree with the rules, pupil by pupil."""

from collections import Counter

import pytest

from census.aggregate import FIGURES, school_figures
from pupils.models import Pupil
from support_plans.models import SupportPlan
from tests.census.random_histories import DAYS, rules_say
from tests.factories import SchoolFactory


def python_figures(school, on):
    """The same figures, counted in Python from what the rules say of each pupil."""
    standings = rules_say(Pupil.objects.at(school).on_roll(on=on), on)
    plans = set(
        SupportPlan.objects.in_force_on(on)
        .filter(pupil__school=school)
        .values_list("pupil_id", flat=True)
    )
    counts = Counter(on_roll=len(standings))
    for pupil_id, s in standings.items():
        highest = s.highest_level or 0
        counts[f"level_{highest}"] += 1
        counts[f"code_{s.code.lower()}"] += 1
        counts["level_2_coded_k"] += highest == 2 and s.code == "K"
        counts["level_3_plus"] += highest >= 3
        counts["level_3_plus_not_k_or_e"] += highest >= 3 and s.code not in ("K", "E")
        counts["departures"] += s.departs_from_grid
        counts["k_without_plan"] += s.code == "K" and pupil_id not in plans
    return {name: counts[name] for name in FIGURES}


@pytest.mark.parametrize("on", DAYS)
def test_the_database_figures_match_the_python_derivation(random_schools, on):
    figures = school_figures([s.pk for s in random_schools], on)
    for school in random_schools:
        assert figures[school.pk].counts == python_figures(school, on), school


def test_the_figures_are_one_query_whatever_the_number_of_schools(
    random_schools, django_assert_num_queries
):
    with django_assert_num_queries(1):  # the figures, counted from the kept standings
        school_figures([s.pk for s in random_schools], DAYS[1])


def test_a_school_with_nobody_on_roll_has_zeros(db):
    empty = SchoolFactory()
    assert school_figures([empty.pk], DAYS[0])[empty.pk].on_roll == 0
