"""The SENCO's home counts what needs doing and lists only the soonest of each list, with a
link to all of it, so the page costs the same however many are due."""

import datetime

from django.urls import reverse

from support_plans.models import ContactKind, ParentContact
from tests.factories import NeedAssessmentFactory, PupilFactory, SupportPlanFactory

LONG_AGO = datetime.date(2025, 9, 1)


def _home(client, school):
    return client.get(reverse("school_home", args=[school.urn]))


def test_the_home_lists_the_ten_soonest_plan_reviews_and_links_to_them_all(
    client_for, senco, school
):
    due = [
        SupportPlanFactory(
            pupil=PupilFactory(school=school),
            next_review_on=LONG_AGO + datetime.timedelta(days=n),
        )
        for n in range(12)
    ]
    not_due = SupportPlanFactory(
        pupil=PupilFactory(school=school), next_review_on=datetime.date(2099, 1, 1)
    )
    client = client_for(senco)
    todo = _home(client, school).context["picture"]["todo"]
    assert todo["plan_reviews_count"] == 12
    assert todo["plan_reviews"] == due[:10]  # the most overdue first
    page = _home(client, school).content.decode()
    assert "the soonest 10 of 12" in page
    assert "?plan_review_due=on" in page

    listed = client.get(reverse("register", args=[school.urn]), {"plan_review_due": "on"})
    shown = {entry.pupil for entry in listed.context["page"]}
    assert shown == {plan.pupil for plan in due}
    assert not_due.pupil not in shown


def test_the_home_counts_parents_not_told_and_too_few_meetings(client_for, senco, school):
    told, not_told = PupilFactory(school=school), PupilFactory(school=school)
    for pupil in (told, not_told):
        NeedAssessmentFactory(pupil=pupil, level=3, assessed_on=LONG_AGO)
    ParentContact.objects.create(pupil=told, kind=ContactKind.FORMAL_NOTIFICATION, held_on=LONG_AGO)
    for month in (1, 2, 3):
        ParentContact.objects.create(
            pupil=told, kind=ContactKind.MEETING, held_on=datetime.date(2026, month, 10)
        )
    todo = _home(client_for(senco), school).context["picture"]["todo"]
    assert todo["parents_not_notified"] == 1
    assert todo["few_parent_meetings"] == 1
