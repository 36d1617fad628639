"""The standing query (census.standing) gives every pupil exactly what the Python derivation
(census.derivation.derive over the pupil's loaded records) gives: code, basis, the grid's own
code and basis, highest level, the decision or plan behind the code, register status and the
register's flags, on random histories."""

import pytest

from census.exports import CSV_COLUMNS
from census.records import derive_pupils, needs_on
from census.standing import census_return, chosen_pupils, schools_pupils, standings
from census.status import register_status
from pupils.models import Pupil
from support_plans.models import SupportPlan
from tests.census.random_histories import DAYS


def python_answers(pupils, on):
    return dict(derive_pupils(pupils, on))


@pytest.mark.parametrize("on", DAYS)
def test_every_pupil_stands_as_the_python_derivation_says(random_schools, on):
    pupils = Pupil.objects.filter(school__in=random_schools)
    expected = python_answers(pupils, on)
    needs = needs_on(pupils, on)
    plans = set(SupportPlan.objects.in_force_on(on).values_list("pupil_id", flat=True))
    seen = 0
    for standing in standings(schools_pupils([s.pk for s in random_schools]), on):
        pupil = next(p for p in expected if p.pk == standing.pupil_id)
        derivation = expected[pupil]
        assert standing.derivation == derivation, pupil
        assert standing.on_roll == (derivation is not None)
        assert standing.code == (derivation.code if derivation else None)
        assert standing.status == register_status(derivation)
        if derivation:
            assert standing.highest_level == derivation.highest_level
        assert bool(standing.level_two_unclear) == bool(derivation and derivation.level_two_unclear)
        assert bool(standing.departs) == bool(derivation and derivation.departs_from_grid)
        held = {need.rank: need.need_type for need in reversed(needs.get(pupil.pk, []))}
        assert (standing.sen_type_1, standing.sen_type_2) == (held.get(1, ""), held.get(2, ""))
        assert bool(standing.has_support_plan) == (pupil.pk in plans)
        assert (standing.upn, standing.legal_surname) == (pupil.upn, pupil.legal_surname)
        seen += 1
    assert seen == len(expected) == 160


def test_the_histories_exercise_every_rule(random_schools):
    """A guard on the test above: the random histories reach every kind of basis."""
    pupils = Pupil.objects.filter(school__in=random_schools)
    bases = {
        d.basis.split(" ")[0] if d.code == "E" else d.grid_basis.split(",")[0].split(" in ")[0]
        for on in DAYS
        for _, d in derive_pupils(pupils, on)
        if d
    }
    assert {"EHC", "no assessment on the grid", "level 1", "level 2", "level 3"} <= bases
    derivations = [d for on in DAYS for _, d in derive_pupils(pupils, on) if d]
    assert any(d.decision for d in derivations)
    assert any(d.departs_from_grid for d in derivations)
    assert any(d.level_two_unclear for d in derivations)
    assert any("multiple_areas" in d.grid_basis for d in derivations)


def test_a_queryset_chooses_the_pupils(random_schools):
    first = Pupil.objects.filter(school=random_schools[0]).order_by("pk")[:3]
    chosen = [
        s.pupil_id for s in standings(chosen_pupils(Pupil.objects.filter(pk__in=first)), DAYS[1])
    ]
    assert sorted(chosen) == sorted(p.pk for p in first)


@pytest.mark.parametrize("on", DAYS)
def test_the_census_return_reads_as_the_python_derivation_says(random_schools, on):
    on_roll = Pupil.objects.filter(school__in=random_schools).on_roll(on=on)
    expected = python_answers(on_roll, on)
    needs = needs_on(on_roll, on)
    rows = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in census_return(random_schools, on)]
    by_school = sorted(expected, key=lambda p: (p.school_id, p.upn))
    assert [row["upn"] for row in rows] == [pupil.upn for pupil in by_school]
    for row, pupil in zip(rows, by_school, strict=True):
        derivation = expected[pupil]
        assert (row["sen_provision"], row["basis"]) == (derivation.code, derivation.basis)
        assert row["date_of_birth"] == pupil.date_of_birth.isoformat()
        first = {need.rank: need.need_type for need in reversed(needs.get(pupil.pk, []))}
        assert (row["sen_type_1"], row["sen_type_2"]) == (first.get(1, ""), first.get(2, ""))
