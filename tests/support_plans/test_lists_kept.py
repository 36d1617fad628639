"""The provision map, the EHC calendar and a teacher's pupils are drawn once and kept under
the school's revision: a change to anything they show is on the next look, and each reader's
pupils stay their own."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from support_plans.models import EHCAnnualReview, NeedsAssessmentRequest, Provision
from tests.factories import (
    ClassGroupFactory,
    EHCPlanFactory,
    MembershipFactory,
    OutcomeFactory,
    PupilFactory,
    SupportPlanFactory,
)
from tests.pages import main_of

TODAY = timezone.localdate()


def page(client, name, school, **params):
    response = client.get(reverse(name, args=[school.urn]), params)
    assert response.status_code == 200
    return main_of(response)


@pytest.fixture
def provision(ava):
    return Provision.objects.create(
        plan=SupportPlanFactory(pupil=ava),
        what="Precision teaching",
        delivered_by="Teaching assistant",
        group_size=1,
        sessions_per_week=3,
        minutes_per_session=20,
        starts_on=datetime.date(2025, 9, 15),
        hourly_rate=18,
    )


def test_a_provision_changed_shows_on_the_next_look_at_the_map(
    client_for, senco, school, provision
):
    client = client_for(senco)
    assert "Precision teaching" in page(client, "provision_map", school)
    provision.what = "Lego therapy"
    provision.save()
    assert "Lego therapy" in page(client, "provision_map", school)


def test_a_provision_ended_leaves_the_next_look_at_the_map(client_for, senco, school, provision):
    client = client_for(senco)
    page(client, "provision_map", school)
    Provision.objects.filter(pk=provision.pk).delete()
    assert "No provision on active plans" in page(client, "provision_map", school)


def test_each_choice_of_filters_is_its_own_map(client_for, senco, school, provision, ava):
    client = client_for(senco)
    assert "Precision teaching" in page(client, "provision_map", school)
    other_year = "7" if ava.nc_year != "7" else "8"
    assert "matches these filters" in page(client, "provision_map", school, nc_year=other_year)
    assert "Precision teaching" in page(client, "provision_map", school)


def test_an_annual_review_step_recorded_shows_on_the_next_look_at_the_calendar(
    client_for, senco, school, ava
):
    plan = EHCPlanFactory(pupil=ava, issued_on=TODAY - datetime.timedelta(days=400))
    review = EHCAnnualReview.objects.create(
        ehc_plan=plan, meeting_on=TODAY + datetime.timedelta(days=10)
    )
    client = client_for(senco)
    assert "Send the invitations" in page(client, "ehc_calendar", school)
    review.invitations_sent_on = TODAY
    review.save()
    assert "Send the invitations" not in page(client, "ehc_calendar", school)


def test_a_request_for_assessment_sent_shows_on_the_next_look_at_the_calendar(
    client_for, senco, school, ava
):
    request = NeedsAssessmentRequest.objects.create(pupil=ava)
    client = client_for(senco)
    assert "Send the EHC needs assessment request" in page(client, "ehc_calendar", school)
    request.requested_on = TODAY
    request.save()
    calendar = page(client, "ehc_calendar", school)
    assert "Send the EHC needs assessment request" not in calendar
    assert "decision whether to assess" in calendar


@pytest.fixture
def ava_outcome(ava):
    return OutcomeFactory(plan=SupportPlanFactory(pupil=ava), what_will_change="Reads aloud")


def test_an_outcome_added_shows_on_the_next_look_at_my_pupils(
    client_for, assistant, school, ava_outcome
):
    client = client_for(assistant)
    page(client, "my_pupils", school)
    OutcomeFactory(plan=ava_outcome.plan, what_will_change="Asks for help in lessons")
    assert "Asks for help in lessons" in page(client, "my_pupils", school)


def test_a_group_given_to_a_teacher_shows_its_pupils_on_their_next_look(
    client_for, assistant, school, ava_outcome
):
    noah = PupilFactory(school=school, legal_forename="Noah")
    SupportPlanFactory(pupil=noah)
    art = ClassGroupFactory(school=school, name="Art club")
    art.members.add(noah)
    client = client_for(assistant)
    assert "Noah" not in page(client, "my_pupils", school)
    assistant.taught_class_groups.add(art)  # from the member of staff's side
    assert "Noah" in page(client, "my_pupils", school)
    assistant.taught_class_groups.clear()
    assert "Noah" not in page(client, "my_pupils", school)


def test_each_teacher_sees_their_own_pupils(client_for, assistant, school, ava, ava_outcome):
    other = MembershipFactory(school=school, role="teacher").user
    assert "Reads aloud" in page(client_for(assistant), "my_pupils", school)
    assert "Reads aloud" not in page(client_for(other), "my_pupils", school)
