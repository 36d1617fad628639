"""The register's filters, sorts and counts, applied in the database, select exactly the
pupils the rules say they should, in the order they say, on random histories."""

from collections import Counter
from dataclasses import dataclass

import pytest

from census.derivation import STATUS_LABELS, Standing
from census.models import StandingPeriod
from pages.register import PAGE_SIZE, Register, RegisterFilters
from pupils.models import BroadArea, NCYear, Pupil
from tests.census.random_histories import DAYS, rules_say

ON = DAYS[1]


@dataclass
class Expected:
    pupil: Pupil
    standing: Standing

    def __getattr__(self, name):
        return getattr(self.standing, name)


@pytest.fixture
def everyone(random_schools):
    """Both schools' pupils, those not on roll included (as "include pupils who have left")."""
    return Pupil.objects.filter(school__in=random_schools)


@pytest.fixture
def expected(everyone):
    said = rules_say(everyone, ON)
    return [Expected(pupil, said[pupil.pk]) for pupil in everyone]


def standings(pupils):
    return StandingPeriod.objects.on(ON).of(pupils)


def selected(everyone, filters, sort="name"):
    return [s.pupil_id for s in Register(standings(everyone), filters, sort)]


def then_name(entry):
    pupil = entry.pupil
    return (pupil.legal_surname.lower(), pupil.legal_forename.lower(), pupil.pk)


def by_name(entries):
    return [e.pupil.pk for e in sorted(entries, key=then_name)]


@pytest.mark.parametrize("code", ["E", "K", "N"])
def test_the_code_filter(everyone, expected, code):
    want = by_name(e for e in expected if e.code == code)
    assert want and selected(everyone, RegisterFilters(code=code)) == want


@pytest.mark.parametrize("level", ["0", "1", "2", "3", "4", "5"])
def test_the_level_filter(everyone, expected, level):
    want = by_name(e for e in expected if (e.highest_level or 0) == int(level))
    assert want and selected(everyone, RegisterFilters(level=level)) == want


def test_the_broad_area_filter(everyone, expected):
    for area in BroadArea.objects.all():
        want = by_name(e for e in expected if dict(e.area_levels).get(area.slug, 0) >= 2)
        assert want and selected(everyone, RegisterFilters(area=area.slug)) == want


@pytest.mark.parametrize("status", list(STATUS_LABELS))
def test_the_status_filter(everyone, expected, status):
    want = by_name(e for e in expected if e.status == status)
    assert want and selected(everyone, RegisterFilters(status=status)) == want


def test_the_level_two_unclear_and_departure_filters(everyone, expected):
    unclear = by_name(e for e in expected if e.level_two_unclear)
    departs = by_name(e for e in expected if e.departs_from_grid)
    assert unclear and selected(everyone, RegisterFilters(level_two_unclear=True)) == unclear
    assert departs and selected(everyone, RegisterFilters(departs=True)) == departs


def test_sorting_by_level_and_by_code(everyone, expected):
    by_level = sorted(expected, key=lambda e: (-(e.highest_level or 0), *then_name(e)))
    order = {"E": 0, "K": 1, "N": 2, "": 3}
    by_code = sorted(expected, key=lambda e: (order[e.code], *then_name(e)))
    assert selected(everyone, RegisterFilters(), "level") == [e.pupil.pk for e in by_level]
    assert selected(everyone, RegisterFilters(), "code") == [e.pupil.pk for e in by_code]


def test_the_summary_counts_every_page(everyone, expected):
    page, summary = Register(standings(everyone), RegisterFilters(), "name").page(2)
    codes = Counter(e.code for e in expected if e.code)
    statuses = Counter(e.status for e in expected if e.status)
    assert summary["total"] == len(expected)
    assert summary["codes"] == [(code, codes[code]) for code in ("E", "K", "N")]
    assert dict(summary["statuses"]) == {STATUS_LABELS[k]: n for k, n in statuses.items()}
    assert [s.pupil_id for s in page] == by_name(expected)[PAGE_SIZE : 2 * PAGE_SIZE]
    assert all(s.pupil.pk == s.pupil_id for s in page)


def test_each_year_group_is_shown_by_its_name():
    for value, label in NCYear.choices:
        assert Pupil(nc_year=value).get_nc_year_display() == label
    assert Pupil(nc_year="").get_nc_year_display() == ""
