"""After a grid level brings a pupil onto SEN support, their record tells the SENCO what is
due, each with a link: tell the parents (Code of Practice 6.48), set the need type, start a
plan. Each step goes once the register's own check for it is satisfied."""

import datetime

from django.urls import reverse
from django.utils import timezone

from support_plans.models import ContactKind, ParentContact
from tests.factories import NeedAssessmentFactory, SENNeedFactory, SupportPlanFactory

TODAY = timezone.localdate()


def record(client, pupil):
    return client.get(reverse("pupil_record", args=[pupil.pk])).content.decode()


def due_links(page):
    """The links of the "What is due now" list, in order."""
    if "What is due now" not in page:
        return []
    section = page.split('id="due-heading"')[1].split("</section>")[0]
    return [part.split('"')[0] for part in section.split('govuk-task-list__link" href="')[1:]]


def test_a_level_three_assessment_lists_what_sen_support_calls_for(client_for, senco, ava):
    client = client_for(senco)
    data = {"assessed_on": TODAY.isoformat(), "strand_cognition_learning": "3"}
    response = client.post(reverse("assessment_add", args=[ava.pk]), data, follow=True)
    page = response.content.decode()
    assert "is at sen support. Still to do:" in page
    assert due_links(page) == [
        reverse("parent_contact_add", args=[ava.pk]) + "?kind=notification",
        reverse("needs_edit", args=[ava.pk]),
        reverse("plan_new", args=[ava.pk]),
    ]


def test_level_one_everywhere_has_nothing_due(client_for, senco, ava):
    NeedAssessmentFactory(pupil=ava, level=1, assessed_on=TODAY)
    assert due_links(record(client_for(senco), ava)) == []


def test_each_step_goes_when_it_is_done(client_for, senco, ava):
    client = client_for(senco)
    NeedAssessmentFactory(pupil=ava, level=3, assessed_on=TODAY - datetime.timedelta(days=7))
    ParentContact.objects.create(
        pupil=ava, kind=ContactKind.FORMAL_NOTIFICATION, held_on=TODAY, notes="Letter sent"
    )
    assert due_links(record(client, ava)) == [
        reverse("needs_edit", args=[ava.pk]),
        reverse("plan_new", args=[ava.pk]),
    ]
    SENNeedFactory(pupil=ava, rank=1, need_type="SLD", recorded_on=TODAY)
    assert due_links(record(client, ava)) == [reverse("plan_new", args=[ava.pk])]
    SupportPlanFactory(pupil=ava, starts_on=TODAY, next_review_on=None)
    assert due_links(record(client, ava)) == []


def test_a_draft_plan_makes_finishing_it_the_step(client_for, senco, ava):
    NeedAssessmentFactory(pupil=ava, level=4, assessed_on=TODAY)
    draft = SupportPlanFactory(pupil=ava, state="draft", starts_on=None, next_review_on=None)
    page = record(client_for(senco), ava)
    assert due_links(page)[-1] == reverse("plan", args=[draft.pk])
    assert "Finish the draft plan and make it active" in page


def test_teachers_are_not_given_the_senco_s_steps(client_for, teacher, ava):
    NeedAssessmentFactory(pupil=ava, level=3, assessed_on=TODAY)
    assert "What is due now" not in record(client_for(teacher), ava)


def test_tell_the_parents_opens_the_contact_form_at_formal_notification(client_for, senco, ava):
    url = reverse("parent_contact_add", args=[ava.pk]) + "?kind=notification"
    page = client_for(senco).get(url).content.decode()
    assert 'value="notification" checked' in page or ('value="notification" selected' in page), (
        "the formal notification is chosen"
    )
    assert ParentContact.objects.count() == 0
