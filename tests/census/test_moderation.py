"""Moderation across schools: an officer draws anonymised cases, weighted to the schools whose
level-2 coding departs most from the others'; moderators agree or disagree; each school's
SENCO reads the outcome for their own pupils. No officer page holds a name, UPN or date of
birth."""

import datetime
import random

import pytest
from django.urls import reverse

from census.models import ModerationCase, ModerationJudgement, ModerationRound
from census.moderation import (
    SchoolSpread,
    draw_round,
    school_weights,
    weighted_sample,
)
from census.officer import officer_census_days
from tests.factories import (
    LevelTwoCriterionFactory,
    MembershipFactory,
    NeedAssessmentFactory,
    PupilFactory,
    SchoolFactory,
    SencoDecisionFactory,
)

ASSESSED = datetime.date(2024, 9, 2)


def census_day():
    return officer_census_days(datetime.date.today())[0].on


def draw(schools, officer, *, size=200, seed=None):
    """A round drawn by `officer` from `schools` on the latest census day."""
    return draw_round(
        framework=schools[0].authority.framework,
        school_ids=[school.pk for school in schools],
        on=census_day(),
        size=size,
        user=officer,
        seed=seed,
    )


def fill(school, *, surname, level_two_k=0, level_two_n=0, level_three=0, level_one=0):
    """Pupils of `school` at level 2 with a reason (K) or without (N), at level 3, at 1."""
    made = []
    for n, (level, reason) in enumerate(
        [(2, True)] * level_two_k
        + [(2, False)] * level_two_n
        + [(3, False)] * level_three
        + [(1, False)] * level_one
    ):
        pupil = PupilFactory(school=school, legal_surname=f"{surname}{n}")
        NeedAssessmentFactory(pupil=pupil, level=level, assessed_on=ASSESSED)
        if reason:
            LevelTwoCriterionFactory(pupil=pupil, recorded_on=ASSESSED)
        made.append(pupil)
    return made


@pytest.fixture
def schools(school, other_school, officer):
    """Hillside codes half its level-2 pupils K; Valley all of them. The officer covers both."""
    MembershipFactory(user=officer, school=other_school, role="officer")
    fill(school, surname="Hillname", level_two_k=4, level_two_n=4, level_three=4, level_one=3)
    fill(other_school, surname="Valleyname", level_two_k=6, level_three=2)
    return school, other_school


# The weighting ---------------------------------------------------------------------------


def test_a_school_coding_level_two_as_the_authority_does_is_not_favoured():
    spread = {1: SchoolSpread(1, 10, 5), 2: SchoolSpread(2, 10, 5)}
    assert school_weights(spread) == {1: 1, 2: 1}


def test_the_school_furthest_from_the_authoritys_level_two_coding_weighs_most():
    # overall 12 of 30 at level 2 coded K (40%); school 3 codes all of its own K
    spread = {1: SchoolSpread(1, 10, 4), 2: SchoolSpread(2, 15, 3), 3: SchoolSpread(3, 5, 5)}
    weights = school_weights(spread)
    assert weights[1] == pytest.approx(1.0)
    assert weights[2] == pytest.approx(1 + 4 * 0.2)
    assert weights[3] == pytest.approx(1 + 4 * 0.6)


def test_a_school_with_no_pupils_at_level_two_weighs_as_any_other():
    assert school_weights({1: SchoolSpread(1, 0, 0), 2: SchoolSpread(2, 4, 2)})[1] == 1


def test_heavier_schools_have_more_cases_drawn():
    candidates = [{"pupil_id": n, "school_id": 1 + n % 2} for n in range(2000)]
    drawn = weighted_sample(candidates, {1: 1.0, 2: 5.0}, 200, random.Random(7))
    from_heavy = sum(1 for c in drawn if c["school_id"] == 2)
    assert from_heavy > 140  # five times the weight: about 5/6 of the draw


# Drawing ---------------------------------------------------------------------------------


def test_a_round_draws_pupils_on_the_register_or_monitored_from_the_chosen_schools(
    schools, officer
):
    hillside, valley = schools
    drawn = draw([hillside, valley], officer, size=50, seed=3)
    cases = list(drawn.cases.all())
    # 12 at level 2 or above at Hillside (the 3 at level 1 are not on the register), 8 at Valley
    assert len(cases) == 20
    assert {c.sample_id for c in cases} == {f"R{drawn.pk}-{n:03d}" for n in range(1, 21)}
    assert all(c.highest_level >= 2 for c in cases)
    for case in cases:  # the levels as they stood, the highest among them
        assert max(level for _strand, level in case.levels) == case.highest_level
    reasons = [c.criteria for c in cases if c.code == "K" and c.highest_level == 2]
    assert reasons and all(
        r == ["Identified neurological, genetic or medical needs"] for r in reasons
    )


def test_the_same_seed_draws_the_same_sample(schools, officer):
    hillside, valley = schools

    def drawn():
        moderation = draw([hillside, valley], officer, size=6, seed=11)
        return sorted(moderation.cases.values_list("pupil_id", flat=True))

    assert drawn() == drawn()


def test_a_case_shows_the_decisions_code_never_its_words(schools, officer):
    hillside, _ = schools
    pupil = PupilFactory(school=hillside, legal_surname="Decided")
    NeedAssessmentFactory(pupil=pupil, level=2, assessed_on=ASSESSED)
    SencoDecisionFactory(
        pupil=pupil, code="K", reason="Agreed with Mrs Decided", decided_on=ASSESSED
    )
    drawn = draw([hillside], officer)
    case = drawn.cases.get(pupil=pupil)
    assert case.decision_code == "K"
    assert "Mrs Decided" not in " ".join(
        str(getattr(case, f.attname)) for f in ModerationCase._meta.concrete_fields
    )


# The pages -------------------------------------------------------------------------------


def test_a_moderation_round_runs_from_draw_to_the_sencos_outcome(
    client_for, schools, officer, senco
):
    hillside, valley = schools
    client = client_for(officer)
    response = client.post(
        reverse("moderation_draw"),
        {
            "schools": [str(hillside.pk), str(valley.pk)],
            "census_date": census_day().isoformat(),
            "size": "8",
        },
    )
    moderation = ModerationRound.objects.get()
    assert response.url == reverse("moderation_round", args=[moderation.pk])
    case = moderation.cases.filter(school=hillside).first()
    url = reverse("moderation_case", args=[moderation.pk, case.sample_id])

    refused = client.post(url, {"agrees": "no", "note": " "})
    assert "Say why you disagree" in refused.content.decode()
    assert not ModerationJudgement.objects.exists()

    client.post(url, {"agrees": "no", "note": "Level 2 with no reason: N, not K."})
    round_page = client.get(reverse("moderation_round", args=[moderation.pk])).content.decode()
    assert "Disagreed" in round_page

    outcomes = client_for(senco).get(reverse("moderation_outcomes", args=[hillside.urn]))
    page = outcomes.content.decode()
    assert case.sample_id in page
    assert case.pupil.display_name in page
    assert "Level 2 with no reason: N, not K." in page
    assert "Valleyname" not in page  # another school's pupils stay that school's


def test_no_officer_page_holds_a_name_upn_or_date_of_birth(client_for, schools, officer):
    hillside, valley = schools
    drawn = draw([hillside, valley], officer)
    client = client_for(officer)
    pages = [
        reverse("moderation_rounds"),
        reverse("moderation_draw"),
        reverse("moderation_round", args=[drawn.pk]),
        *(reverse("moderation_case", args=[drawn.pk, c.sample_id]) for c in drawn.cases.all()),
    ]
    pupils = [c.pupil for c in drawn.cases.select_related("pupil")]
    for url in pages:
        page = client.get(url).content.decode()
        for pupil in pupils:
            assert pupil.legal_surname not in page, url
            assert pupil.upn not in page, url
            assert pupil.date_of_birth.strftime("%-d %B %Y") not in page, url
            assert pupil.date_of_birth.isoformat() not in page, url


def test_an_officer_sees_only_the_cases_of_their_own_schools(client_for, schools, officer):
    hillside, valley = schools
    drawn = draw([hillside, valley], officer)
    hillside_only = MembershipFactory(school=hillside, role="officer").user
    client = client_for(hillside_only)
    page = client.get(reverse("moderation_round", args=[drawn.pk]))
    assert {c.school_id for c in page.context["cases"]} == {hillside.pk}
    valley_case = drawn.cases.filter(school=valley).first()
    response = client.get(reverse("moderation_case", args=[drawn.pk, valley_case.sample_id]))
    assert response.status_code == 404


def test_schools_under_two_frameworks_cannot_be_drawn_together(
    client_for, schools, officer, buckinghamshire
):
    hillside, valley = schools
    valley.authority = buckinghamshire
    valley.save()
    response = client_for(officer).post(
        reverse("moderation_draw"),
        {
            "schools": [str(hillside.pk), str(valley.pk)],
            "census_date": census_day().isoformat(),
            "size": "8",
        },
    )
    assert "Choose schools under one framework" in response.content.decode()
    assert not ModerationRound.objects.exists()


@pytest.mark.parametrize("extra", [0, 30])
def test_the_round_page_runs_a_fixed_number_of_queries(
    client_for, school, officer, django_assert_num_queries, extra
):
    fill(school, surname="Q", level_three=5 + extra)
    drawn = draw([school], officer)
    for case in drawn.cases.all()[:3]:
        ModerationJudgement.objects.create(case=case, agrees=True, moderator_name="M")
    client = client_for(officer)
    # session, user, memberships, the round, its schools, the cases, their judgements
    with django_assert_num_queries(7):
        client.get(reverse("moderation_round", args=[drawn.pk]))


def test_an_empty_school_gives_an_empty_round_and_says_so(client_for, officer):
    lonely = SchoolFactory(name="Lonely School")
    MembershipFactory(user=officer, school=lonely, role="officer")
    client = client_for(officer)
    response = client.post(
        reverse("moderation_draw"),
        {"schools": [str(lonely.pk)], "census_date": census_day().isoformat(), "size": "5"},
        follow=True,
    )
    assert "no cases" in response.content.decode()


@pytest.mark.parametrize("extra", [0, 30])
def test_drawing_a_round_runs_a_fixed_number_of_queries(
    school, officer, django_assert_num_queries, extra
):
    fill(school, surname="Q", level_two_k=3, level_three=5 + extra)
    assert school.authority.framework  # read before, by the caller
    # four reads: the standings on the day, the level-2 spread, the drawn pupils' levels and
    # reasons; then the writes, in a savepoint: the round, its schools (read, then linked),
    # the cases
    with django_assert_num_queries(10):
        draw([school], officer)
