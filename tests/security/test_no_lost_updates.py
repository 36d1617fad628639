"""Two people editing the same record: the second save is refused with a clear message, the
first person's change is kept, and the second person's typing is shown back to them."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from pupils.models import NeedAssessment
from support_plans.models import Review
from tests.auth import sign_in
from tests.factories import MembershipFactory, OutcomeFactory, ProvisionFactory, SupportPlanFactory


@pytest.fixture
def two_sencos(school, senco):
    """Two browsers: the SENCO, and a second SENCO of the same school (Code 6.92)."""
    other = MembershipFactory(school=school, role="senco", user__email="deputy@hillside.test").user
    return sign_in(Client(), senco), sign_in(Client(), other)


def form_data(response):
    """The values a browser would send back from a rendered form, as it was opened."""
    form = response.context["form"]
    data = {}
    for name, _field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def test_two_edits_of_a_plan_never_silently_lose_either(two_sencos, ava):
    first, second = two_sencos
    plan = SupportPlanFactory(pupil=ava, about_me="Loves drawing", strategies="Seat at the front")
    url = reverse("plan_edit", args=[plan.pk])
    a = form_data(first.get(url))
    b = form_data(second.get(url))

    assert first.post(url, a | {"about_me": "Loves drawing and football"}).status_code == 302
    refused = second.post(url, b | {"strategies": "Movement breaks every 20 minutes"})

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else saved this since you opened the form" in page
    assert "Movement breaks every 20 minutes" in page  # what they typed, shown back
    plan.refresh_from_db()
    assert plan.about_me == "Loves drawing and football"  # the first change is kept
    assert plan.strategies == "Seat at the front"  # the stale save wrote nothing
    # The refusal shows the saved version, so saving again now is a deliberate choice.
    again = second.post(
        url, form_data(refused) | {"strategies": "Movement breaks every 20 minutes"}
    )
    assert again.status_code == 302
    plan.refresh_from_db()
    assert (plan.about_me, plan.strategies) == (
        "Loves drawing and football",
        "Movement breaks every 20 minutes",
    )


@pytest.mark.parametrize("kind", ["outcome", "provision"])
def test_two_edits_of_an_outcome_or_provision(two_sencos, ava, kind):
    first, second = two_sencos
    plan = SupportPlanFactory(pupil=ava)
    item = OutcomeFactory(plan=plan) if kind == "outcome" else ProvisionFactory(plan=plan)
    url = reverse(f"{kind}_edit", args=[plan.pk, item.pk])
    field = "baseline" if kind == "outcome" else "delivered_by"
    a, b = form_data(first.get(url)), form_data(second.get(url))
    first.post(url, a | {field: "first person's"})
    refused = second.post(url, b | {field: "second person's"})
    assert "Someone else saved this since you opened the form" in refused.content.decode()
    item.refresh_from_db()
    assert getattr(item, field) == "first person's"


def test_two_reviews_of_one_plan(two_sencos, ava):
    first, second = two_sencos
    plan = SupportPlanFactory(pupil=ava, starts_on=datetime.date(2025, 9, 1))
    outcome = OutcomeFactory(plan=plan)
    url = reverse("review_add", args=[plan.pk])
    review = {
        "held_on": "2025-12-01",
        "attended_by": "SENCO",
        "decision": "continue",
        "next_review_on": "2026-03-01",
        f"outcome_{outcome.pk}_rating": "1",
    }
    a, b = form_data(first.get(url)), form_data(second.get(url))
    assert first.post(url, a | review).status_code == 302
    refused = second.post(url, b | review | {"attended_by": "Deputy SENCO"}, follow=True)
    assert "Your review was not saved" in refused.content.decode()
    assert list(Review.objects.values_list("attended_by", flat=True)) == ["SENCO"]


def test_two_grid_assessments_of_one_pupil(two_sencos, ava):
    first, second = two_sencos
    url = reverse("assessment_add", args=[ava.pk])
    a, b = form_data(first.get(url)), form_data(second.get(url))
    first.post(url, a | {"assessed_on": "2025-11-03", "strand_cognition_learning": "3"})
    refused = second.post(url, b | {"assessed_on": "2025-11-03", "strand_cognition_learning": "2"})
    page = refused.content.decode()
    assert (
        "Someone else recorded an assessment since you opened this form "
        "(Cognition and learning level 3 by senco@hillside.test)" in page
    )
    assert list(NeedAssessment.objects.values_list("level", flat=True)) == [3]
    assert "Now level 3" in page  # the refreshed form shows the level now recorded


def test_one_person_saving_twice_in_a_row_is_not_a_conflict(client_for, senco, ava):
    client = client_for(senco)
    plan = SupportPlanFactory(pupil=ava)
    url = reverse("plan_edit", args=[plan.pk])
    client.post(url, form_data(client.get(url)) | {"about_me": "one"})
    assert client.post(url, form_data(client.get(url)) | {"about_me": "two"}).status_code == 302
    plan.refresh_from_db()
    assert (plan.about_me, plan.revision) == ("two", 2)
