"""The database's figures for many schools agree with the Python derivation, pupil by pupil."""

from collections import Counter

import pytest

from census.aggregate import FIGURES, school_figures
from census.records import derive_pupils
from pupils.models import Pupil
from support_plans.models import SupportPlan
from tests.census.random_histories import DAYS
from tests.factories import SchoolFactory


def python_figures(school, on):
    """The same figures, from census.derivation (the rules as pure Python)."""
    rows = derive_pupils(Pupil.objects.at(school).on_roll(on=on), on)
    plans = set(
        SupportPlan.objects.in_force_on(on)
        .filter(pupil__school=school)
        .values_list("pupil_id", flat=True)
    )
    counts = Counter(on_roll=len(rows))
    for pupil, d in rows:
        highest = d.highest_level or 0
        counts[f"level_{highest}"] += 1
        counts[f"code_{d.code.lower()}"] += 1
        counts["level_2_coded_k"] += highest == 2 and d.code == "K"
        counts["level_3_plus"] += highest >= 3
        counts["level_3_plus_not_k_or_e"] += highest >= 3 and d.code not in ("K", "E")
        counts["departures"] += d.departs_from_grid
        counts["k_without_plan"] += d.code == "K" and pupil.pk not in plans
    return {name: counts[name] for name in FIGURES}


@pytest.mark.parametrize("on", DAYS)
def test_the_database_figures_match_the_python_derivation(random_schools, on):
    figures = school_figures([s.pk for s in random_schools], on)
    for school in random_schools:
        assert figures[school.pk].counts == python_figures(school, on), school


def test_the_figures_are_two_queries_whatever_the_number_of_schools(
    random_schools, django_assert_num_queries
):
    # the day's first look: the schools' versions, keeping every standing, forgetting
    # long-past days (two tables), marking the schools kept, the figures
    with django_assert_num_queries(6):
        school_figures([s.pk for s in random_schools], DAYS[1])
    # then: the schools' versions (nothing moved), the figures
    with django_assert_num_queries(2):
        school_figures([s.pk for s in random_schools], DAYS[1])


def test_a_school_with_nobody_on_roll_has_zeros(db):
    empty = SchoolFactory()
    assert school_figures([empty.pk], DAYS[0])[empty.pk].on_roll == 0
