"""The SENCO's forms, driven through the test client: good input is saved and appended to the
history; bad input says exactly what is wrong and saves nothing."""

import datetime

import pytest
from django.urls import reverse

from pupils.models import EHCPlan, LevelTwoCriterion, NeedAssessment, SencoDecision, SENNeed, Strand
from tests.factories import (
    EHCPlanFactory,
    LevelTwoCriterionFactory,
    NeedAssessmentFactory,
    SencoDecisionFactory,
)

DAY = datetime.date(2025, 11, 3)
FUTURE = datetime.date(2999, 1, 1)


@pytest.fixture
def as_senco(client_for, senco):
    return client_for(senco)


def post(client, name, pupil, data, item=None):
    kwargs = {"pk": pupil.pk} | ({"item": item.pk} if item else {})
    return client.post(reverse(name, kwargs=kwargs), data)


def errors(response):
    """Every error message the form shows, field and non-field."""
    form = response.context["form"]
    return sorted(message for messages in form.errors.values() for message in messages)


def saved(response, pupil):
    assert response.status_code == 302, errors(response)
    assert response.url == reverse("pupil_record", args=[pupil.pk])


# Grid assessment -------------------------------------------------------------------------


def test_a_grid_assessment_records_each_strand_given_a_level(as_senco, senco, ava):
    response = post(
        as_senco,
        "assessment_add",
        ava,
        {
            "assessed_on": DAY,
            "strand_cognition_learning": "3",
            "strand_hearing": "1",
            "note": "Tests and observation",
        },
    )
    saved(response, ava)
    recorded = {
        (a.strand.slug, a.level, a.assessed_on, a.assessed_by, a.note)
        for a in ava.assessments.all()
    }
    assert recorded == {
        ("cognition_learning", 3, DAY, senco, "Tests and observation"),
        ("hearing", 1, DAY, senco, "Tests and observation"),
    }


def test_a_new_assessment_keeps_the_old_one(as_senco, ava):
    NeedAssessmentFactory(pupil=ava, level=2, assessed_on=datetime.date(2025, 1, 10))
    saved(
        post(
            as_senco, "assessment_add", ava, {"assessed_on": DAY, "strand_cognition_learning": "4"}
        ),
        ava,
    )
    assert list(ava.assessments.values_list("level", flat=True)) == [2, 4]


def test_the_form_shows_each_level_with_its_meaning(as_senco, ava):
    page = as_senco.get(reverse("assessment_add", args=[ava.pk])).content.decode()
    assert page.count("Level 3: Regular additional support</dt>") == Strand.objects.count()
    assert page.count("<legend") == Strand.objects.count()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"assessed_on": DAY}, "Choose a level for at least one strand."),
        (
            {"assessed_on": FUTURE, "strand_vision": "2"},
            "The assessment date cannot be in the future.",
        ),
        (
            {"assessed_on": "2001-01-01", "strand_vision": "2"},
            "The assessment date cannot be before the pupil's date of birth.",
        ),
        (
            {"assessed_on": DAY, "strand_vision": "7"},
            "Select a valid choice. 7 is not one of the available choices.",
        ),
        ({"assessed_on": "", "strand_vision": "2"}, "This field is required."),
    ],
)
def test_a_bad_grid_assessment_saves_nothing(as_senco, ava, data, message):
    response = post(as_senco, "assessment_add", ava, data)
    assert response.status_code == 200
    assert errors(response) == [message]
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert not NeedAssessment.objects.exists()


# Level-2 reasons -------------------------------------------------------------------------


def test_a_level_two_reason_is_recorded_and_counts(as_senco, senco, ava):
    NeedAssessmentFactory(pupil=ava, level=2, assessed_on=DAY)
    saved(
        post(
            as_senco,
            "criterion_add",
            ava,
            {"criterion": "medical", "recorded_on": DAY, "note": "Epilepsy"},
        ),
        ava,
    )
    criterion = LevelTwoCriterion.objects.get()
    assert (criterion.criterion, criterion.recorded_by, criterion.note) == (
        "medical",
        senco,
        "Epilepsy",
    )
    page = as_senco.get(reverse("pupil_record", args=[ava.pk])).content.decode()
    assert "level 2 with criterion: identified neurological, genetic or medical needs" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"criterion": "medical", "recorded_on": DAY, "note": ""}, "This field is required."),
        (
            {"criterion": "hunch", "recorded_on": DAY, "note": "x"},
            "Select a valid choice. hunch is not one of the available choices.",
        ),
        (
            {"criterion": "medical", "recorded_on": FUTURE, "note": "x"},
            "The date cannot be in the future.",
        ),
    ],
)
def test_a_bad_level_two_reason_saves_nothing(as_senco, ava, data, message):
    response = post(as_senco, "criterion_add", ava, data)
    assert errors(response) == [message]
    assert not LevelTwoCriterion.objects.exists()


def test_a_reason_already_holding_is_not_recorded_twice(as_senco, ava):
    LevelTwoCriterionFactory(pupil=ava, criterion="medical", recorded_on=datetime.date(2025, 9, 1))
    response = post(
        as_senco, "criterion_add", ava, {"criterion": "medical", "recorded_on": DAY, "note": "x"}
    )
    assert errors(response) == ["This reason is already recorded for the pupil and not withdrawn."]
    assert LevelTwoCriterion.objects.count() == 1


def test_withdrawing_a_reason_keeps_it_in_the_history(as_senco, senco, ava):
    criterion = LevelTwoCriterionFactory(pupil=ava, recorded_on=datetime.date(2025, 9, 1))
    saved(
        post(
            as_senco,
            "criterion_withdraw",
            ava,
            {"withdrawn_on": DAY, "note": "Gap closed"},
            criterion,
        ),
        ava,
    )
    criterion.refresh_from_db()
    assert (criterion.withdrawn_on, criterion.withdrawn_by, criterion.withdrawal_note) == (
        DAY,
        senco,
        "Gap closed",
    )
    assert (
        "Level-2 reason withdrawn"
        in as_senco.get(reverse("pupil_record", args=[ava.pk])).content.decode()
    )


def test_a_reason_cannot_be_withdrawn_before_it_was_recorded_or_twice(as_senco, ava):
    criterion = LevelTwoCriterionFactory(pupil=ava, recorded_on=DAY)
    early = post(
        as_senco, "criterion_withdraw", ava, {"withdrawn_on": "2025-01-01", "note": "x"}, criterion
    )
    assert errors(early) == ["The date cannot be before it was recorded (3 November 2025)."]
    criterion.withdrawn_on = DAY
    criterion.save()
    twice = post(as_senco, "criterion_withdraw", ava, {"withdrawn_on": DAY, "note": "x"}, criterion)
    assert errors(twice) == ["This was already withdrawn on 3 November 2025."]


# SENCO decisions -------------------------------------------------------------------------


def test_a_senco_decision_is_recorded_and_replaces_the_grid(as_senco, senco, ava):
    NeedAssessmentFactory(pupil=ava, level=2, assessed_on=DAY)
    saved(
        post(
            as_senco,
            "decision_add",
            ava,
            {"code": "K", "reason": "Awaiting EP advice", "decided_on": DAY},
        ),
        ava,
    )
    decision = SencoDecision.objects.get()
    assert (decision.code, decision.decided_by) == ("K", senco)
    page = as_senco.get(reverse("pupil_record", args=[ava.pk])).content.decode()
    assert "SENCO decision: Awaiting EP advice. The grid alone gives N" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"code": "K", "reason": "   ", "decided_on": DAY}, "This field is required."),
        (
            {"code": "E", "reason": "x", "decided_on": DAY},
            "Select a valid choice. E is not one of the available choices.",
        ),
        ({"code": "N", "reason": "x", "decided_on": FUTURE}, "The date cannot be in the future."),
    ],
)
def test_a_bad_senco_decision_saves_nothing(as_senco, ava, data, message):
    response = post(as_senco, "decision_add", ava, data)
    assert errors(response) == [message]
    assert not SencoDecision.objects.exists()


def test_withdrawing_a_decision_keeps_it(as_senco, ava):
    decision = SencoDecisionFactory(pupil=ava, decided_on=datetime.date(2025, 9, 1))
    saved(
        post(
            as_senco,
            "decision_withdraw",
            ava,
            {"withdrawn_on": DAY, "note": "Grid now agrees"},
            decision,
        ),
        ava,
    )
    decision.refresh_from_db()
    assert decision.withdrawn_on == DAY
    assert SencoDecision.objects.count() == 1


# DfE need types --------------------------------------------------------------------------


def test_need_types_are_set_and_a_change_keeps_the_old_one(as_senco, ava):
    NeedAssessmentFactory(pupil=ava, level=3, assessed_on=datetime.date(2025, 9, 1))
    saved(
        post(
            as_senco,
            "needs_edit",
            ava,
            {"need_type_1": "SPLD", "need_type_2": "HI", "recorded_on": "2025-09-10"},
        ),
        ava,
    )
    saved(
        post(
            as_senco,
            "needs_edit",
            ava,
            {"need_type_1": "MLD", "need_type_2": "HI", "recorded_on": DAY},
        ),
        ava,
    )
    held = sorted(SENNeed.objects.values_list("rank", "need_type", "recorded_on", "ended_on"))
    assert held == [
        (1, "MLD", DAY, None),
        (1, "SPLD", datetime.date(2025, 9, 10), DAY),
        (2, "HI", datetime.date(2025, 9, 10), None),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"need_type_1": "", "need_type_2": "HI"},
            "Choose the primary need before a secondary one.",
        ),
        (
            {"need_type_1": "HI", "need_type_2": "HI"},
            "The secondary need must differ from the primary need.",
        ),
        (
            {"need_type_1": "NSA", "need_type_2": ""},
            "NSA (no specialist assessment) is only for pupils at SEN support (K); "
            "this pupil's code today is N.",
        ),
        (
            {"need_type_1": "XYZ", "need_type_2": ""},
            "Select a valid choice. XYZ is not one of the available choices.",
        ),
    ],
)
def test_bad_need_types_save_nothing(as_senco, ava, data, message):
    response = post(as_senco, "needs_edit", ava, data | {"recorded_on": DAY})
    assert errors(response) == [message]
    assert not SENNeed.objects.exists()


def test_nsa_is_allowed_at_sen_support(as_senco, ava):
    NeedAssessmentFactory(pupil=ava, level=3, assessed_on=datetime.date(2025, 9, 1))
    saved(
        post(
            as_senco,
            "needs_edit",
            ava,
            {"need_type_1": "NSA", "need_type_2": "", "recorded_on": DAY},
        ),
        ava,
    )
    assert SENNeed.objects.get().need_type == "NSA"


# EHC plans -------------------------------------------------------------------------------


def test_an_ehc_plan_is_recorded_and_gives_e(as_senco, ava):
    saved(
        post(
            as_senco,
            "ehc_plan_add",
            ava,
            {"issued_on": DAY, "local_authority": "Sheffield", "last_annual_review_on": ""},
        ),
        ava,
    )
    assert EHCPlan.objects.get().issued_on == DAY
    page = as_senco.get(reverse("pupil_record", args=[ava.pk])).content.decode()
    assert "EHC plan issued 3 November 2025" in page


def test_a_second_plan_while_one_is_active_is_refused(as_senco, ava):
    EHCPlanFactory(pupil=ava, issued_on=datetime.date(2024, 3, 1))
    response = post(
        as_senco, "ehc_plan_add", ava, {"issued_on": DAY, "local_authority": "Sheffield"}
    )
    assert errors(response) == [
        "The pupil already has an EHC plan active on that date; record its ceasing first."
    ]
    assert EHCPlan.objects.count() == 1


def test_an_annual_review_before_the_plan_is_refused(as_senco, ava):
    response = post(
        as_senco,
        "ehc_plan_add",
        ava,
        {"issued_on": DAY, "local_authority": "S", "last_annual_review_on": "2025-01-01"},
    )
    assert errors(response) == ["The review cannot be before the plan was issued."]
    assert not EHCPlan.objects.exists()


def test_ceasing_a_plan(as_senco, ava):
    plan = EHCPlanFactory(pupil=ava, issued_on=datetime.date(2024, 3, 1))
    saved(
        post(
            as_senco,
            "ehc_plan_cease",
            ava,
            {"ceased_on": DAY, "note": "Needs met at SEN support"},
            plan,
        ),
        ava,
    )
    plan.refresh_from_db()
    assert (plan.ceased_on, plan.ceasing_note) == (DAY, "Needs met at SEN support")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"ceased_on": "2024-01-01", "note": "x"},
            "The date cannot be before the plan was issued (1 March 2024).",
        ),
        ({"ceased_on": FUTURE, "note": "x"}, "The date cannot be in the future."),
        ({"ceased_on": DAY, "note": ""}, "This field is required."),
    ],
)
def test_a_bad_ceasing_saves_nothing(as_senco, ava, data, message):
    plan = EHCPlanFactory(pupil=ava, issued_on=datetime.date(2024, 3, 1))
    response = post(as_senco, "ehc_plan_cease", ava, data, plan)
    assert errors(response) == [message]
    plan.refresh_from_db()
    assert plan.ceased_on is None


def test_a_head_cannot_post_a_form(client_for, head, ava):
    response = post(
        client_for(head), "assessment_add", ava, {"assessed_on": DAY, "strand_vision": "3"}
    )
    assert response.status_code == 403
    assert not NeedAssessment.objects.exists()
