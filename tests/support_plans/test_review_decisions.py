"""A review's decision acts: "remove from the register" records the SENCO's decision of no SEN
provision so the census code follows; "involve a specialist" opens their involvement, waiting
for advice. Advice shared with parents reaches their pages and the plan PDF (Code 6.59)."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from census.models import StandingPeriod
from pupils.models import SencoDecision
from support_plans.models import PlanState, SpecialistInvolvement
from tests.factories import NeedAssessmentFactory, OutcomeFactory, SupportPlanFactory

START = datetime.date(2025, 9, 15)
REVIEW_DAY = datetime.date(2025, 12, 10)


@pytest.fixture
def reviewed(client_for, senco, ava):
    """Ava at level 3 (K) with an active plan; posts its review with a decision."""
    NeedAssessmentFactory(pupil=ava, level=3, assessed_on=START)
    plan = SupportPlanFactory(pupil=ava, starts_on=START)
    outcome = OutcomeFactory(plan=plan)

    def review(decision, **extra):
        data = {
            "held_on": REVIEW_DAY,
            "attended_by": "SENCO, mother",
            "decision": decision,
            "summary": "Reading age now matches her age.",
            f"outcome_{outcome.pk}_rating": "1",
            **extra,
        }
        return client_for(senco).post(reverse("review_add", args=[plan.pk]), data)

    review.plan = plan
    return review


def code_on(pupil, day):
    return StandingPeriod.objects.on(day).get(pupil=pupil)


def test_removing_from_the_register_makes_the_code_n_from_the_review(reviewed, ava):
    assert code_on(ava, REVIEW_DAY).code == "K"
    response = reviewed("remove")
    assert response.url == reverse("pupil_record", args=[ava.pk])
    decision = SencoDecision.objects.get(pupil=ava)
    assert (decision.code, decision.decided_on) == ("N", REVIEW_DAY)
    assert "review of 10 December 2025" in decision.reason
    reviewed.plan.refresh_from_db()
    assert reviewed.plan.state == PlanState.CLOSED
    standing = code_on(ava, REVIEW_DAY)
    assert standing.code == "N" and not standing.k_without_plan
    assert code_on(ava, REVIEW_DAY - datetime.timedelta(days=1)).code == "K"


def test_involving_a_specialist_opens_their_involvement_waiting_for_advice(
    client_for, senco, reviewed, ava
):
    reviewed("specialist", specialist_service="ep", next_review_on="2026-03-20")
    pending = SpecialistInvolvement.objects.get(pupil=ava)
    assert (pending.service, pending.requested_on, pending.is_pending) == ("ep", REVIEW_DAY, True)
    client = client_for(senco)
    record = client.get(reverse("pupil_record", args=[ava.pk])).content.decode()
    assert "Waiting for advice" in record
    advice_url = reverse("specialist_advice", args=[ava.pk, pending.pk])
    assert advice_url in record
    client.post(
        advice_url,
        {"service": "ep", "involved_on": "2026-01-12", "advice": "Use visual timetables."},
    )
    pending.refresh_from_db()
    assert not pending.is_pending and pending.advice == "Use visual timetables."


def test_involving_a_specialist_asks_which_service_and_saves_nothing_without(reviewed, ava):
    response = reviewed("specialist", next_review_on="2026-03-20")
    assert response.status_code == 200
    assert response.context["form"].errors["specialist_service"] == [
        "Choose the specialist service to involve."
    ]
    assert not SpecialistInvolvement.objects.exists()
    assert not reviewed.plan.reviews.exists()


@pytest.fixture
def advice(ava):
    shared = SpecialistInvolvement.objects.create(
        pupil=ava,
        service="salt",
        involved_on=datetime.date(2025, 10, 1),
        advice="Give her time to answer; model full sentences.",
        shared_with_parents_on=datetime.date(2025, 10, 8),
    )
    SpecialistInvolvement.objects.create(
        pupil=ava,
        service="ep",
        involved_on=datetime.date(2025, 11, 1),
        advice="NOT YET SHARED with parents",
    )
    return shared


def test_parents_read_the_advice_shared_with_them(client_for, parent, ava, advice):
    page = client_for(parent).get(reverse("child", args=[ava.pk])).content.decode()
    assert "Advice from specialists" in page
    assert "Give her time to answer; model full sentences." in page
    assert "NOT YET SHARED" not in page


def test_the_plan_pdf_holds_the_advice_shared_with_parents(client_for, parent, ava, advice):
    plan = SupportPlanFactory(pupil=ava)
    response = client_for(parent).get(reverse("plan_pdf", args=[plan.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Give her time to answer; model full sentences." in text
    assert "NOT YET SHARED" not in text
