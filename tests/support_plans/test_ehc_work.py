"""An EHC plan's statutory work in the register: annual reviews planned and recorded step by
step, requests for an EHC needs assessment run to their final plan, and the SENCO's calendar
of every date they run to."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from census.models import StandingPeriod
from pupils.models import EHCPlan
from support_plans.models import EHCAnnualReview, NeedsAssessmentRequest
from tests.factories import EHCPlanFactory, OutcomeFactory, PupilFactory, SupportPlanFactory
from tests.pages import main_of

TODAY = timezone.localdate()
ISSUED = TODAY - datetime.timedelta(days=400)


@pytest.fixture
def ehc_plan(ava):
    return EHCPlanFactory(pupil=ava, issued_on=ISSUED, local_authority="Sheffield")


def post(client, name, data, *args):
    response = client.post(reverse(name, args=args), data)
    assert response.status_code == 302, response.context["form"].errors
    return response


def test_a_planned_review_shows_each_step_with_its_due_date(client_for, senco, ava, ehc_plan):
    client = client_for(senco)
    meeting = TODAY + datetime.timedelta(days=21)
    post(client, "ehc_review_add", {"meeting_on": meeting}, ava.pk, ehc_plan.pk)
    review = EHCAnnualReview.objects.get()
    page = client.get(reverse("ehc_review", args=[ava.pk, review.pk])).content.decode()
    two_weeks_before = meeting - datetime.timedelta(days=14)
    assert f"By {two_weeks_before.day} {two_weeks_before:%B %Y}" in page
    two_weeks_after = meeting + datetime.timedelta(days=14)
    assert f"By {two_weeks_after.day} {two_weeks_after:%B %Y}" in page


def test_a_held_review_becomes_the_plan_s_last_annual_review(client_for, senco, ava, ehc_plan):
    client = client_for(senco)
    meeting = TODAY - datetime.timedelta(days=3)
    post(client, "ehc_review_add", {"meeting_on": meeting}, ava.pk, ehc_plan.pk)
    review = EHCAnnualReview.objects.get()
    ehc_plan.refresh_from_db()
    assert ehc_plan.last_annual_review_on is None  # planned, not held
    data = {"meeting_on": meeting, "recommendation": "maintain", "attended_by": "SENCO, mother"}
    post(client, "ehc_review", data, ava.pk, review.pk)
    ehc_plan.refresh_from_db()
    assert ehc_plan.last_annual_review_on == meeting


def test_a_recommendation_before_the_meeting_is_held_is_refused(client_for, senco, ava, ehc_plan):
    data = {"meeting_on": TODAY + datetime.timedelta(days=10), "recommendation": "amend"}
    response = client_for(senco).post(reverse("ehc_review_add", args=[ava.pk, ehc_plan.pk]), data)
    assert response.context["form"].errors["recommendation"] == [
        "A recommendation is recorded once the meeting has been held."
    ]
    assert not EHCAnnualReview.objects.exists()


def test_a_request_runs_to_its_final_plan_and_the_code_becomes_e(client_for, senco, ava):
    client = client_for(senco)
    sent = TODAY - datetime.timedelta(weeks=19)
    post(client, "ehc_request_add", {"requested_on": sent, "requested_by": "school"}, ava.pk)
    request = NeedsAssessmentRequest.objects.get()
    assert request.decision_due == sent + datetime.timedelta(weeks=6)
    assert request.waiting_on().startswith("the local authority: its decision whether to assess")
    decided = sent + datetime.timedelta(weeks=5)
    data = {"requested_on": sent, "requested_by": "school", "local_authority": "Sheffield"}
    post(
        client,
        "ehc_request",
        data | {"decision_on": decided, "decision": "assess"},
        ava.pk,
        request.pk,
    )
    request.refresh_from_db()
    assert request.waiting_on().startswith("the local authority: the final plan, due by")
    issued = TODAY - datetime.timedelta(days=2)
    final = {
        "decision_on": decided,
        "decision": "assess",
        "outcome_on": issued,
        "outcome": "issued",
    }
    post(client, "ehc_request", data | final, ava.pk, request.pk)
    plan = EHCPlan.objects.get(pupil=ava)
    assert (plan.issued_on, plan.local_authority) == (issued, "Sheffield")
    assert StandingPeriod.objects.on(issued).get(pupil=ava).code == "E"
    post(client, "ehc_request", data | final, ava.pk, request.pk)  # saved again: one plan
    assert EHCPlan.objects.filter(pupil=ava).count() == 1


def test_a_final_plan_before_a_decision_to_assess_is_refused(client_for, senco, ava):
    data = {
        "requested_on": TODAY,
        "requested_by": "parent",
        "outcome_on": TODAY,
        "outcome": "issued",
    }
    response = client_for(senco).post(reverse("ehc_request_add", args=[ava.pk]), data)
    assert (
        "A final decision follows a decision to assess."
        in response.context["form"].errors["outcome"]
    )
    assert not EHCPlan.objects.exists()


def test_a_review_deciding_to_request_an_assessment_opens_a_request(client_for, senco, ava):
    plan = SupportPlanFactory(pupil=ava, starts_on=TODAY - datetime.timedelta(days=90))
    outcome = OutcomeFactory(plan=plan)
    data = {
        "held_on": TODAY,
        "attended_by": "SENCO, mother",
        "decision": "ehc_request",
        f"outcome_{outcome.pk}_rating": "-1",
    }
    post(client_for(senco), "review_add", data, plan.pk)
    request = NeedsAssessmentRequest.objects.get(pupil=ava)
    assert request.requested_on is None and request.review == plan.reviews.get()
    assert request.waiting_on() == "the school: to send the request with its evidence"
    page = client_for(senco).get(reverse("ehc_request", args=[ava.pk, request.pk]))
    assert reverse("evidence_pack", args=[ava.pk]) in page.content.decode()


def test_the_calendar_lists_what_is_due_soonest_first(client_for, senco, school, ava, ehc_plan):
    noah = PupilFactory(school=school, legal_forename="Noah")
    NeedsAssessmentRequest.objects.create(pupil=noah, requested_on=TODAY - datetime.timedelta(3))
    page = client_for(senco).get(reverse("ehc_calendar", args=[school.urn])).content.decode()
    overdue = page.split('id="overdue-heading"')[1].split("</section>")[0]
    assert "Annual review due: plan it" in overdue  # issued 400 days ago, never reviewed
    later = page.split('id="later-heading"')[1].split("</section>")[0]
    assert "The local authority&#x27;s decision whether to assess" in later


@pytest.mark.parametrize("plans", [1, 25])
def test_the_calendar_runs_a_fixed_number_of_queries(
    client_for, senco, school, django_assert_num_queries, plans
):
    for _ in range(plans):
        plan = EHCPlanFactory(pupil=PupilFactory(school=school), issued_on=ISSUED)
        EHCAnnualReview.objects.create(ehc_plan=plan, meeting_on=TODAY)
        NeedsAssessmentRequest.objects.create(pupil=plan.pupil, requested_on=TODAY)
    client = client_for(senco)
    # session, user, school, memberships, the access log entry, the school's revision; plans
    # in force with their pupils, their annual reviews; requests with their pupils.
    with django_assert_num_queries(9):
        response = client.get(reverse("ehc_calendar", args=[school.urn]))
    # A look again, with nothing changed, is the calendar kept (pages.kept_pages).
    with django_assert_num_queries(6):
        again = client.get(reverse("ehc_calendar", args=[school.urn]))
    assert main_of(again) == main_of(response)
