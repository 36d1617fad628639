"""The SENCO's statutory EHC work in a real browser on the demo school: an annual review run
end to end, a request for an EHC needs assessment taken to its final plan, and the EHC
calendar showing each date as it falls due and clearing as it is done."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from census.models import StandingPeriod
from demo.seed import DEMO_URN
from pupils.models import EHCPlan, Pupil
from tests.e2e.conftest import check_page, fill, open_and_check
from tests.e2e.test_journeys_records import a_pupil_without_records, save, senco_page  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TODAY = datetime.date.today()


def days(n):
    return (TODAY + datetime.timedelta(days=n)).isoformat()


def calendar_part(page, part):
    return page.locator(f"section[aria-labelledby='{part}-heading']")


def test_an_annual_review_end_to_end(senco_page):  # noqa: F811
    page = senco_page
    plan = (
        EHCPlan.objects.filter(pupil__school__urn=DEMO_URN, ceased_on__isnull=True)
        .select_related("pupil")
        .order_by("pupil__upn")
        .first()
    )
    pupil = plan.pupil
    page.goto(f"/schools/{DEMO_URN}/ehc-calendar/")
    check_page(page, "senco-ehc-calendar")

    page.goto(f"/pupils/{pupil.pk}/")
    open_and_check(page, re.compile("^Plan an annual review"), "senco-ehc-review-plan")
    fill(page, {"meeting_on": days(20)})
    save(page)
    expect(page.get_by_text(re.compile(r"^Annual review of .* saved\.$"))).to_be_visible()
    page.goto(f"/schools/{DEMO_URN}/ehc-calendar/")
    expect(calendar_part(page, "soon").get_by_text("Send the invitations").first).to_be_visible()

    # The meeting is held today: every step recorded, and the report sent.
    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role(
        "link", name=f"Annual review of {(TODAY + datetime.timedelta(20)).day}", exact=False
    ).first.click()
    check_page(page, "senco-ehc-review")
    fill(
        page,
        {
            "meeting_on": days(0),
            "invitations_sent_on": days(-15),
            "advice_requested_on": days(-15),
            "advice_received_on": days(-5),
            "papers_sent_on": days(-14),
            "attended_by": "SENCO, mother, educational psychologist",
            "child_views": "I like my new reading group.",
            "recommendation": "maintain",
            "report_sent_on": days(0),
        },
    )
    save(page)
    expect(page.get_by_text("It counts as the plan's last annual review.")).to_be_visible()
    plan.refresh_from_db()
    assert plan.last_annual_review_on == TODAY
    page.goto(f"/schools/{DEMO_URN}/ehc-calendar/")
    assert calendar_part(page, "overdue").get_by_text(pupil.display_name).count() == 0
    assert calendar_part(page, "soon").get_by_text(pupil.display_name).count() == 0


def test_a_needs_assessment_request_to_its_final_plan(senco_page):  # noqa: F811
    page = senco_page
    pupil = a_pupil_without_records()
    page.goto(f"/pupils/{pupil.pk}/")
    open_and_check(page, "Record a request for an EHC needs assessment", "senco-ehc-request-add")
    save(page)  # the form with nothing typed in is fine: a request being prepared
    page.get_by_role("link", name="EHC needs assessment request (being prepared)").click()
    check_page(page, "senco-ehc-request")
    fill(page, {"requested_on": days(-7 * 19), "local_authority": "Riverside Council"})
    save(page)
    page.goto(f"/schools/{DEMO_URN}/ehc-calendar/")
    expect(calendar_part(page, "overdue").get_by_text("decision whether to assess")).to_be_visible()

    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role("link", name="EHC needs assessment request of").click()
    fill(page, {"decision_on": days(-7 * 14), "decision": "assess"})
    save(page)
    page.goto(f"/schools/{DEMO_URN}/ehc-calendar/")
    expect(calendar_part(page, "soon").get_by_text("The final EHC plan")).to_be_visible()

    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role("link", name="EHC needs assessment request of").click()
    fill(page, {"outcome_on": days(-1), "outcome": "issued"})
    save(page)
    expect(page.get_by_text("The EHC plan is recorded from its date.")).to_be_visible()
    assert StandingPeriod.objects.on(TODAY).get(pupil=pupil).code == "E"
    assert Pupil.objects.get(pk=pupil.pk).ehc_plans.get().local_authority == "Riverside Council"
