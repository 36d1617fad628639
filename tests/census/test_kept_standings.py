"""The standings kept for every pupil (census.models.StandingPeriod) say on each day exactly
what the rules say, read straight from the pupil's records for that day; and the census
return reads them. On random histories written record by record, as the forms write them."""

from dataclasses import fields

import pytest

from census.derivation import Standing
from census.exports import CSV_COLUMNS
from census.models import StandingPeriod
from census.returns import census_return, needs_on
from pupils.models import Pupil
from support_plans.models import SupportPlan
from tests.census.random_histories import DAYS, rules_say


def kept_on(pupils, on):
    return {s.pupil_id: s for s in StandingPeriod.objects.on(on).of(pupils)}


def as_standing(kept):
    values = {f.name: getattr(kept, f.name) for f in fields(Standing)}
    values["area_levels"] = tuple(sorted(kept.area_levels.items()))
    return Standing(**values)


@pytest.mark.parametrize("on", DAYS)
def test_every_pupil_stands_on_the_day_as_the_rules_say(random_schools, on):
    pupils = Pupil.objects.filter(school__in=random_schools)
    expected = rules_say(pupils, on)
    kept = kept_on(pupils, on)
    assert len(kept) == len(expected) == 160  # exactly one standing a pupil a day
    for pupil_id, standing in expected.items():
        assert as_standing(kept[pupil_id]) == standing, pupil_id


@pytest.mark.parametrize("on", DAYS)
def test_need_types_and_plans_agree_with_the_records_querysets(random_schools, on):
    """Two of the facts, against the models' own querysets: the need type of each rank is
    the first recorded of those held, and K without a plan means no plan in force."""
    pupils = Pupil.objects.filter(school__in=random_schools)
    needs = needs_on(pupils, on)
    planned = set(SupportPlan.objects.in_force_on(on).values_list("pupil_id", flat=True))
    for pupil_id, kept in kept_on(pupils, on).items():
        if not kept.on_roll:
            continue
        first = {need.rank: need.need_type for need in reversed(needs.get(pupil_id, []))}
        assert (kept.sen_type_1, kept.sen_type_2) == (first.get(1, ""), first.get(2, ""))
        assert kept.k_without_plan == (kept.code == "K" and pupil_id not in planned)


def test_the_histories_exercise_every_rule(random_schools):
    """A guard on the test above: the random histories reach every kind of basis and flag."""
    pupils = Pupil.objects.filter(school__in=random_schools)
    standings = [s for on in DAYS for s in rules_say(pupils, on).values()]
    bases = {
        s.basis.split(" ")[0] if s.code == "E" else s.grid_basis.split(",")[0].split(" in ")[0]
        for s in standings
        if s.on_roll
    }
    assert {"EHC", "no assessment on the grid", "level 1", "level 2", "level 3"} <= bases
    assert any(s.decision_code for s in standings)
    assert any(s.departs_from_grid for s in standings)
    assert any(s.level_two_unclear for s in standings)
    assert any(s.k_without_plan for s in standings)
    assert any(not s.on_roll for s in standings)
    assert any("needs across the broad areas" in s.grid_basis for s in standings)


@pytest.mark.parametrize("on", DAYS)
def test_the_census_return_reads_as_the_rules_say(random_schools, on):
    on_roll = Pupil.objects.filter(school__in=random_schools).on_roll(on=on)
    expected = rules_say(on_roll, on)
    rows = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in census_return(random_schools, on)]
    by_school = sorted(on_roll, key=lambda p: (p.school_id, p.upn))
    assert [row["upn"] for row in rows] == [pupil.upn for pupil in by_school]
    for row, pupil in zip(rows, by_school, strict=True):
        standing = expected[pupil.pk]
        assert (row["sen_provision"], row["basis"]) == (standing.code, standing.basis)
        assert row["date_of_birth"] == pupil.date_of_birth.isoformat()
        assert (row["sen_type_1"], row["sen_type_2"]) == (standing.sen_type_1, standing.sen_type_2)
