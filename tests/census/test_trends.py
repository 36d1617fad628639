"""The officer's trends by term: from the censuses the schools froze, each school's and the
authority's E and K shares, level-2 coding and need-type mix, through the officer's
disclosure rule, for one framework's schools at a time."""

import datetime

import pytest
from django.urls import reverse

from census.models import CensusSnapshotRow
from census.snapshots import snapshot_freeze
from census.trends import frozen_terms, need_mix
from tests.factories import (
    LevelTwoCriterionFactory,
    MembershipFactory,
    NeedAssessmentFactory,
    PupilFactory,
    SchoolFactory,
    SENNeedFactory,
)

AUTUMN = datetime.date(2025, 10, 2)
SPRING = datetime.date(2026, 1, 15)
ASSESSED = datetime.date(2025, 9, 8)


def pupils(school, count, *, level=None, reason=False, need=None, surname="Pupil"):
    made = PupilFactory.create_batch(count, school=school, legal_surname=surname)
    for pupil in made:
        if level:
            NeedAssessmentFactory(pupil=pupil, level=level, assessed_on=ASSESSED)
        if reason:
            LevelTwoCriterionFactory(pupil=pupil, recorded_on=ASSESSED)
        if need:
            SENNeedFactory(pupil=pupil, need_type=need, rank=1, recorded_on=ASSESSED)
    return made


@pytest.fixture
def frozen(school, other_school, officer, senco):
    """Hillside: 40 pupils, 10 at level 3 (K, SPLD), 10 at level 2 of whom 5 with a reason
    (K, SLCN); frozen in the autumn and the spring. Valley: 20 pupils, frozen in the spring."""
    MembershipFactory(user=officer, school=other_school, role="officer")
    pupils(school, 10, level=3, need="SPLD", surname="Secretname")
    pupils(school, 5, level=2, reason=True, need="SLCN", surname="Secretname")
    pupils(school, 5, level=2, surname="Secretname")
    pupils(school, 20, surname="Secretname")
    pupils(other_school, 8, level=3, need="SEMH", surname="Valleyname")
    pupils(other_school, 12, surname="Valleyname")
    for on in (AUTUMN, SPRING):
        snapshot_freeze(school=school, on=on, user=senco)
    snapshot_freeze(school=other_school, on=SPRING, user=senco)
    return school, other_school


def test_freezing_keeps_each_pupils_highest_level(frozen):
    school, _ = frozen
    levels = CensusSnapshotRow.objects.filter(snapshot__school=school, snapshot__census_date=AUTUMN)
    assert sorted({r.highest_level for r in levels}, key=lambda v: v or 0) == [None, 2, 3]


def test_each_term_counts_what_each_school_returned(frozen):
    school, valley = frozen
    autumn, spring = frozen_terms([school.pk, valley.pk])
    assert (autumn.on, spring.on) == (AUTUMN, SPRING)
    assert autumn.share(school.pk, "code_k", "on_roll") == 37.5  # 15 of 40
    assert autumn.share(school.pk, "level_2_coded_k", "level_2") == 50.0
    assert (valley.pk, "on_roll") not in autumn.counts  # Valley froze no autumn census
    assert spring.share("total", "code_k", "on_roll") == pytest.approx(38.3)  # 23 of 60


def test_a_share_made_from_a_small_count_is_not_shown(school, senco):
    pupils(school, 3, level=3)
    pupils(school, 30)
    snapshot_freeze(school=school, on=AUTUMN, user=senco)
    (autumn,) = frozen_terms([school.pk])
    assert autumn.share(school.pk, "code_k", "on_roll") is None


def test_the_need_mix_hides_a_small_count_and_one_that_would_give_it_back(school, senco):
    pupils(school, 3, level=3, need="ASD")
    pupils(school, 9, level=3, need="SPLD")
    pupils(school, 7, level=3, need="MLD")
    snapshot_freeze(school=school, on=AUTUMN, user=senco)
    mix = dict(need_mix([school.pk], [AUTUMN]))
    shown = {name: cells[0] for name, cells in mix.items()}
    assert shown["Autistic spectrum disorder"] is None  # not shown
    # with the total shown, one more must go, or 19 - 9 - 7 gives the 3 back
    assert list(shown.values()).count(None) >= 2
    assert shown["All with a need type"] == 19


def test_the_officers_trends_page_names_no_pupil(client_for, officer, frozen):
    page = client_for(officer).get(reverse("officer_trends"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Secretname" not in html and "Valleyname" not in html
    assert "Hillside School" in html and "Valley School" in html
    assert "37.5%" in html
    assert "Primary need on 15 January 2026" in html  # the latest day's chart


def test_the_trends_page_says_when_nothing_is_frozen(client_for, officer, school):
    html = client_for(officer).get(reverse("officer_trends")).content.decode()
    assert "has frozen a census yet" in html


@pytest.mark.parametrize("schools", [1, 8])
def test_the_trends_page_runs_a_fixed_number_of_queries(
    client_for, officer, senco, django_assert_num_queries, schools
):
    for _ in range(schools):
        school = SchoolFactory()
        MembershipFactory(user=officer, school=school, role="officer")
        pupils(school, 6, level=3, need="SPLD")
        snapshot_freeze(school=school, on=AUTUMN, user=senco)
    client = client_for(officer)
    # session, user, memberships, the schools by framework, the terms, the need mix
    with django_assert_num_queries(6):
        client.get(reverse("officer_trends"))
