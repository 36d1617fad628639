"""The one statement of when a dated record holds: the queryset filters and the plain
functions give the same answer on every edge day."""

import datetime

import pytest

from pupils import dating
from pupils.models import EHCPlan, Pupil, SENNeed
from tests.factories import PupilFactory

START, END = datetime.date(2026, 1, 10), datetime.date(2026, 1, 12)
DAYS = [START + datetime.timedelta(days=n) for n in range(-1, 4)]


def test_an_end_takes_effect_on_its_own_date():
    assert [dating.in_force(START, END, day) for day in DAYS] == [False, True, True, False, False]


def test_an_ehc_plan_ceasing_on_a_day_still_counts_that_day():
    held = [dating.ehc_plan_in_force(START, END, day) for day in DAYS]
    assert held == [False, True, True, True, False]


def test_joining_and_leaving_days_are_both_on_roll():
    assert [dating.on_roll(START, END, day) for day in DAYS] == [False, True, True, True, False]
    assert dating.on_roll(None, None, START)


@pytest.mark.django_db
@pytest.mark.parametrize("day", DAYS)
def test_the_database_filters_say_the_same_as_the_rules(day):
    pupil = PupilFactory(joined_on=START, left_on=END)
    SENNeed.objects.create(pupil=pupil, need_type="SLCN", rank=1, recorded_on=START, ended_on=END)
    EHCPlan.objects.create(pupil=pupil, issued_on=START, ceased_on=END, local_authority="LA")

    assert Pupil.objects.on_roll(on=day).exists() == pupil.on_roll(day)
    assert SENNeed.objects.in_force_on(day).exists() == dating.in_force(START, END, day)
    assert EHCPlan.objects.in_force_on(day).exists() == dating.ehc_plan_in_force(START, END, day)
