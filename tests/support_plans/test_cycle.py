"""Assess, plan, do, review, new plan: the whole graduated approach through the test client,
as a SENCO and a teacher would do it."""

import datetime

import pytest
from django.urls import reverse

from support_plans.models import Outcome, PlanState, Provision, Review, ReviewNote, SupportPlan
from tests.factories import OutcomeFactory, SupportPlanFactory

START = datetime.date(2025, 9, 15)
REVIEW_DAY = datetime.date(2025, 12, 10)


def ok(response):
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    return response


def test_a_whole_cycle(client_for, senco, teacher, ava):
    as_senco = client_for(senco)
    # Assess: the grid says level 3.
    ok(
        as_senco.post(
            reverse("assessment_add", args=[ava.pk]),
            {"assessed_on": "2025-09-10", "strand_cognition_learning": "3"},
        )
    )

    # Plan: a draft, with an outcome and a provision, made active.
    response = ok(as_senco.post(reverse("plan_new", args=[ava.pk]), {"kind": "sen_support"}))
    plan = SupportPlan.objects.get()
    assert (plan.state, plan.version) == (PlanState.DRAFT, 1)
    assert plan.needs_summary == "Census code K: level 3 in Cognition and learning."
    ok(
        as_senco.post(
            reverse("plan_edit", args=[plan.pk]),
            {
                "about_me": "I like drawing",
                "strategies": "Chunk instructions",
                "next_review_on": "2025-12-10",
            },
        )
    )
    ok(
        as_senco.post(
            reverse("outcome_add", args=[plan.pk]),
            {
                "what_will_change": "Reads 20 more high-frequency words",
                "how_measured": "Word-reading check",
                "baseline": "40 of 100",
                "target_on": "2025-12-10",
            },
        )
    )
    ok(
        as_senco.post(
            reverse("provision_add", args=[plan.pk]),
            {
                "what": "Precision teaching",
                "delivered_by": "TA",
                "group_size": "1",
                "sessions_per_week": "3",
                "minutes_per_session": "20",
                "starts_on": "2025-09-15",
                "hourly_rate": "18.00",
            },
        )
    )
    ok(
        as_senco.post(
            reverse("plan_activate", args=[plan.pk]), {"starts_on": START, "confirm": "on"}
        )
    )
    plan.refresh_from_db()
    assert (plan.state, plan.starts_on) == (PlanState.ACTIVE, START)

    # Do: the teacher notes progress against the outcome from "my pupils".
    as_teacher = client_for(teacher)
    my_pupils = as_teacher.get(reverse("my_pupils", args=[ava.school.urn])).content.decode()
    assert "Reads 20 more high-frequency words" in my_pupils and "Chunk instructions" in my_pupils
    outcome = Outcome.objects.get()
    ok(
        as_teacher.post(
            reverse("note_add", args=[plan.pk]),
            {"outcome": outcome.pk, "written_on": "2025-10-20", "text": "Knows 12 new words"},
        )
    )
    assert ReviewNote.objects.get().author == teacher

    # Review: the SENCO sees the notes, rates progress and impact, and decides on a new plan.
    as_senco = client_for(senco)
    review_page = as_senco.get(reverse("review_add", args=[plan.pk])).content.decode()
    assert "Knows 12 new words" in review_page
    provision = Provision.objects.get()
    response = ok(
        as_senco.post(
            reverse("review_add", args=[plan.pk]),
            {
                "held_on": REVIEW_DAY,
                "attended_by": "SENCO, class teacher, mother",
                "parent_attended": "on",
                "pupil_views_gathered": "on",
                "parent_views_gathered": "on",
                "decision": "new_plan",
                "next_review_on": "2026-03-20",
                "shared_with_parents": "on",
                f"outcome_{outcome.pk}_rating": "1",
                f"outcome_{outcome.pk}_comment": "Good progress",
                f"provision_{provision.pk}_impact": "good",
            },
        )
    )
    review = Review.objects.get()
    assert review.progress.get().rating == 1
    assert review.impacts.get().impact == "good"

    # New plan: a draft copied from the reviewed one, which stays active until the new starts.
    new = SupportPlan.objects.get(version=2)
    assert response.url == reverse("plan", args=[new.pk])
    assert new.state == PlanState.DRAFT and new.previous == plan
    assert [o.what_will_change for o in new.outcomes.all()] == [
        "Reads 20 more high-frequency words"
    ]
    assert new.provisions.get().what == "Precision teaching"
    assert new.strategies == "Chunk instructions"
    ok(
        as_senco.post(
            reverse("plan_activate", args=[new.pk]), {"starts_on": "2026-01-05", "confirm": "on"}
        )
    )
    plan.refresh_from_db()
    assert (plan.state, plan.ended_on) == (PlanState.SUPERSEDED, datetime.date(2026, 1, 5))
    # The old plan stays readable with its review.
    old_page = as_senco.get(reverse("plan", args=[plan.pk])).content.decode()
    assert "Review of 10 December 2025" in old_page and "Superseded" in old_page


def test_a_plan_needs_an_outcome_before_it_is_made_active(client_for, senco, ava):
    plan = SupportPlanFactory(pupil=ava, state="draft", starts_on=None)
    response = client_for(senco).post(
        reverse("plan_activate", args=[plan.pk]), {"starts_on": START, "confirm": "on"}, follow=True
    )
    assert "Add at least one outcome before making the plan active." in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_only_one_plan_is_active(ava):
    from django.db import IntegrityError, transaction

    SupportPlanFactory(pupil=ava, version=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportPlanFactory(pupil=ava, version=2)


def test_removing_the_pupil_from_the_register_closes_the_plan(client_for, senco, ava):
    plan = SupportPlanFactory(pupil=ava, starts_on=START)
    outcome = OutcomeFactory(plan=plan)
    ok(
        client_for(senco).post(
            reverse("review_add", args=[plan.pk]),
            {
                "held_on": REVIEW_DAY,
                "attended_by": "SENCO",
                "decision": "remove",
                f"outcome_{outcome.pk}_rating": "2",
            },
        )
    )
    plan.refresh_from_db()
    assert (plan.state, plan.ended_on) == (PlanState.CLOSED, REVIEW_DAY)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"held_on": "2999-01-01"}, "held_on", "The review date cannot be in the future."),
        (
            {"held_on": "2025-09-01"},
            "held_on",
            "The review cannot be before the plan started (15 September 2025).",
        ),
        (
            {"next_review_on": "2025-12-01"},
            "next_review_on",
            "The next review must be after this one.",
        ),
        (
            {"decision": "continue", "next_review_on": ""},
            "next_review_on",
            "Give the date of the next review.",
        ),
        ({"rating": ""}, "rating", "This field is required."),
        (
            {"rating": "3"},
            "rating",
            "Select a valid choice. 3 is not one of the available choices.",
        ),
    ],
)
def test_a_bad_review_says_what_is_wrong_and_saves_nothing(
    client_for, senco, ava, data, field, message
):
    plan = SupportPlanFactory(pupil=ava, starts_on=START)
    outcome = OutcomeFactory(plan=plan)
    form = {
        "held_on": REVIEW_DAY,
        "attended_by": "SENCO",
        "decision": "continue",
        "next_review_on": "2026-03-20",
        f"outcome_{outcome.pk}_rating": "1",
    }
    if "rating" in data:
        form[f"outcome_{outcome.pk}_rating"] = data.pop("rating")
        field = f"outcome_{outcome.pk}_rating"
    form.update(data)
    response = client_for(senco).post(reverse("review_add", args=[plan.pk]), form)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"hourly_rate": "", "fixed_cost": ""},
            "Give the staff cost per hour, a fixed cost, or both: every provision is costed.",
        ),
        ({"ends_on": "2025-09-01"}, "The end cannot be before the start."),
        ({"hourly_rate": "-5"}, "A cost cannot be negative."),
        ({"group_size": "0"}, "Ensure this value is greater than or equal to 1."),
    ],
)
def test_a_bad_provision_saves_nothing(client_for, senco, ava, data, message):
    plan = SupportPlanFactory(pupil=ava, state="draft", starts_on=None)
    form = {
        "what": "Lego therapy",
        "delivered_by": "TA",
        "group_size": "3",
        "sessions_per_week": "1",
        "minutes_per_session": "45",
        "starts_on": "2025-09-15",
        "hourly_rate": "18",
    } | data
    response = client_for(senco).post(reverse("provision_add", args=[plan.pk]), form)
    errors = [m for ms in response.context["form"].errors.values() for m in ms]
    assert errors == [message]
    assert not Provision.objects.exists()


def test_outcomes_of_a_running_plan_are_not_removed(client_for, senco, ava):
    plan = SupportPlanFactory(pupil=ava)
    outcome = OutcomeFactory(plan=plan)
    response = client_for(senco).post(
        reverse("outcome_remove", args=[plan.pk, outcome.pk]), follow=True
    )
    assert "can be removed only from a draft" in response.content.decode()
    assert Outcome.objects.filter(pk=outcome.pk).exists()


def test_a_superseded_plan_is_kept_as_it_was(client_for, senco, ava):
    plan = SupportPlanFactory(pupil=ava, state="superseded", ended_on=datetime.date(2026, 1, 5))
    response = client_for(senco).post(
        reverse("plan_edit", args=[plan.pk]), {"about_me": "changed"}, follow=True
    )
    assert "This plan is superseded: it is kept as it was." in response.content.decode()
    plan.refresh_from_db()
    assert plan.about_me == ""


def test_a_teacher_cannot_note_on_a_pupil_they_do_not_teach(client_for, teacher, noah):
    plan = SupportPlanFactory(pupil=noah)
    outcome = OutcomeFactory(plan=plan)
    response = client_for(teacher).post(
        reverse("note_add", args=[plan.pk]),
        {"outcome": outcome.pk, "written_on": "2025-10-01", "text": "x"},
    )
    assert response.status_code == 404
    assert not ReviewNote.objects.exists()


def test_a_note_must_say_something(client_for, teacher, ava):
    plan = SupportPlanFactory(pupil=ava)
    outcome = OutcomeFactory(plan=plan)
    response = client_for(teacher).post(
        reverse("note_add", args=[plan.pk]),
        {"outcome": outcome.pk, "written_on": "2025-10-01", "text": "  "},
    )
    assert response.context["form"].errors["text"] == ["This field is required."]
    assert not ReviewNote.objects.exists()


def test_a_head_reads_plans_but_changes_nothing(client_for, head, ava):
    plan = SupportPlanFactory(pupil=ava)
    client = client_for(head)
    page = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert "Edit the plan" not in page and "Review the plan" not in page
    assert client.post(reverse("plan_edit", args=[plan.pk]), {"about_me": "x"}).status_code == 403


def test_closing_a_plan(client_for, senco, ava):
    plan = SupportPlanFactory(pupil=ava, starts_on=START)
    ok(
        client_for(senco).post(
            reverse("plan_close", args=[plan.pk]), {"ended_on": "2025-12-19", "confirm": "on"}
        )
    )
    plan.refresh_from_db()
    assert (plan.state, plan.ended_on) == (PlanState.CLOSED, datetime.date(2025, 12, 19))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"ended_on": "2999-01-01", "confirm": "on"},
            "ended_on",
            "The date cannot be in the future.",
        ),
        ({"ended_on": "2025-12-19"}, "confirm", "Tick the box to confirm."),
    ],
)
def test_closing_a_plan_needs_a_past_date_and_confirmation(
    client_for, senco, ava, data, field, message
):
    plan = SupportPlanFactory(pupil=ava, starts_on=START)
    response = client_for(senco).post(reverse("plan_close", args=[plan.pk]), data)
    assert response.context["form"].errors[field] == [message]
    plan.refresh_from_db()
    assert plan.state == PlanState.ACTIVE


def test_a_plan_cannot_close_before_it_started(client_for, senco, ava):
    plan = SupportPlanFactory(pupil=ava, starts_on=START)
    response = client_for(senco).post(
        reverse("plan_close", args=[plan.pk]),
        {"ended_on": "2025-09-01", "confirm": "on"},
        follow=True,
    )
    assert "The plan cannot end before it started (15 September 2025)." in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == PlanState.ACTIVE
