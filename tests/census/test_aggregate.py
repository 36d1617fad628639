"""The database's figures for many schools agree with the Python derivation, pupil by pupil."""

import datetime
import random
from collections import Counter

import pytest

from census.aggregate import FIGURES, school_figures
from census.records import census_rows
from pupils.models import Strand
from support_plans.models import SupportPlan
from tests.factories import (
    EHCPlanFactory,
    LevelTwoCriterionFactory,
    NeedAssessmentFactory,
    PupilFactory,
    SchoolFactory,
    SencoDecisionFactory,
)

DAYS = [datetime.date(2025, 10, 2), datetime.date(2026, 1, 15), datetime.date(2026, 5, 21)]


def python_figures(school, on):
    """The same figures, from census.records (the rules as pure Python)."""
    rows = census_rows(school, on)
    plans = set(
        SupportPlan.objects.in_force_on(on)
        .filter(pupil__school=school)
        .values_list("pupil_id", flat=True)
    )
    counts = Counter(on_roll=len(rows))
    for row in rows:
        d = row.derivation
        highest = d.highest_level or 0
        counts[f"level_{highest}"] += 1
        counts[f"code_{d.code.lower()}"] += 1
        counts["level_2_coded_k"] += highest == 2 and d.code == "K"
        counts["level_3_plus"] += highest >= 3
        counts["level_3_plus_not_k_or_e"] += highest >= 3 and d.code not in ("K", "E")
        counts["departures"] += d.departs_from_grid
        counts["k_without_plan"] += d.code == "K" and row.pupil.pk not in plans
    return {name: counts[name] for name in FIGURES}


@pytest.fixture
def random_schools(db):
    """Two schools of pupils with random histories: every rule gets exercised."""
    rng = random.Random(7)
    strands = list(Strand.objects.all())
    schools = [SchoolFactory(), SchoolFactory()]
    for n in range(160):
        school = schools[n % 2]
        joined = rng.choice([None, datetime.date(2024, 9, 1), datetime.date(2026, 1, 15)])
        left = rng.choice(
            [None, None, None, datetime.date(2026, 1, 14), datetime.date(2026, 1, 15)]
        )
        if joined and left and left < joined:
            left = None
        pupil = PupilFactory(school=school, joined_on=joined, left_on=left)
        for _ in range(rng.randint(0, 5)):
            NeedAssessmentFactory(
                pupil=pupil,
                strand=rng.choice(strands),
                level=rng.randint(1, 5),
                assessed_on=rng.choice(DAYS) + datetime.timedelta(days=rng.choice([-1, 0, 1])),
            )
        if rng.random() < 0.25:
            recorded = rng.choice(DAYS)
            withdrawn = rng.choice([None, None, DAYS[1], DAYS[2]])
            LevelTwoCriterionFactory(
                pupil=pupil,
                recorded_on=recorded,
                withdrawn_on=withdrawn if withdrawn and withdrawn >= recorded else None,
            )
        if rng.random() < 0.15:
            SencoDecisionFactory(
                pupil=pupil,
                code=rng.choice("KN"),
                decided_on=rng.choice(DAYS[:2]),
                withdrawn_on=rng.choice([None, DAYS[2]]),
            )
        if rng.random() < 0.1:
            issued = rng.choice(DAYS[:2])
            EHCPlanFactory(pupil=pupil, issued_on=issued, ceased_on=rng.choice([None, DAYS[2]]))
        if rng.random() < 0.3:
            SupportPlan.objects.create(
                pupil=pupil,
                version=1,
                state=rng.choice(["active", "draft", "closed"]),
                starts_on=rng.choice(DAYS[:2]),
                ended_on=rng.choice([None, DAYS[2]]),
            )
    return schools


@pytest.mark.parametrize("on", DAYS)
def test_the_database_figures_match_the_python_derivation(random_schools, on):
    figures = school_figures([s.pk for s in random_schools], on)
    for school in random_schools:
        assert figures[school.pk].counts == python_figures(school, on), school


def test_the_figures_are_one_query_whatever_the_number_of_schools(
    random_schools, django_assert_num_queries
):
    with django_assert_num_queries(1):
        school_figures([s.pk for s in random_schools], DAYS[1])


def test_a_school_with_nobody_on_roll_has_zeros(db):
    empty = SchoolFactory()
    assert school_figures([empty.pk], DAYS[0])[empty.pk].on_roll == 0
