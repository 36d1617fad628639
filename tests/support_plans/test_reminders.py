"""`send_reminders`, run once a day: each SENCO gets what is due or overdue at their school,
parents are asked for their views two weeks before a review (unless they stopped it), every
email is listed on the pupil's record, and running it twice sends nothing twice."""

import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from support_plans.models import ParentViews, SentEmail
from tests.factories import EHCPlanFactory, SupportPlanFactory

TODAY = timezone.localdate()
BASE = "https://sen.example.org"


def run():
    call_command("send_reminders", "--base-url", BASE)


def to(address):
    return [m for m in mail.outbox if m.to == [address]]


@pytest.fixture
def due_review(ava):
    """Ava's plan is reviewed in ten days."""
    return SupportPlanFactory(pupil=ava, next_review_on=TODAY + datetime.timedelta(days=10))


def test_the_senco_gets_the_reviews_ehc_dates_and_views_due(senco, parent, noah, ava, due_review):
    EHCPlanFactory(pupil=noah, issued_on=TODAY - datetime.timedelta(days=400))
    ParentViews.objects.create(pupil=ava, parent_views="She is anxious about Maths.")
    run()
    (digest,) = to(senco.email)
    assert f"Support plan review due {due_review.next_review_on.day}" in digest.body
    assert f"Annual review due: plan it, {noah.display_name}" in digest.body
    assert f"Views received from a parent of {ava.display_name}" in digest.body
    assert BASE + reverse("school_home", args=[ava.school.urn]) in digest.body


def test_a_parent_is_asked_for_views_two_weeks_before_the_review(parent, ava, due_review):
    run()
    (request,) = to(parent.email)
    assert BASE + reverse("send_views", args=[ava.pk]) in request.body
    assert BASE + reverse("child_reminders", args=[ava.pk]) in request.body  # a way to stop


def test_running_twice_sends_nothing_twice(senco, parent, ava, due_review):
    run()
    first = len(mail.outbox)
    run()
    assert first == 2 and len(mail.outbox) == first


def test_nothing_due_sends_nothing(senco, parent, ava):
    SupportPlanFactory(pupil=ava, next_review_on=TODAY + datetime.timedelta(days=60))
    run()
    assert mail.outbox == []


def test_a_parent_who_stopped_the_emails_is_not_asked(client_for, parent, ava, due_review):
    client = client_for(parent)
    page = client.get(reverse("child_reminders", args=[ava.pk])).content.decode()
    assert 'name="review_reminders" type="checkbox" checked' in page
    client.post(reverse("child_reminders", args=[ava.pk]), {})  # the box unticked
    run()
    assert to(parent.email) == []


def test_each_email_about_a_pupil_is_listed_on_their_record(
    client_for, senco, parent, ava, due_review
):
    run()
    sent = SentEmail.objects.get(pupil=ava)
    page = client_for(senco).get(reverse("pupil_record", args=[ava.pk])).content.decode()
    assert f"{escape(sent.subject)}, to {parent.email}" in page


def test_links_need_the_register_s_address(db):
    with pytest.raises(CommandError, match="--base-url"):
        call_command("send_reminders", "--base-url", "")
