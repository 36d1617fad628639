"""The census from freezing to comparing, the officer's view across schools, and a parent's
past plan and a second child's invitation, in a real browser on the demo school."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from census.days import recent_census_days
from census.models import CensusSnapshot
from census.officer import officer_census_days
from census.snapshots import snapshot_freeze
from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, DEMO_URN, seed_demo
from pupils.models import ParentLink, Pupil
from sen_register.core.models import School, User
from support_plans.models import PlanState
from tests.e2e.conftest import check_page, fill, open_and_check, second_factor, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TODAY = datetime.date.today()


@pytest.fixture
def demo():
    seed_demo(TODAY)


def staff(role):
    return User.objects.get(email=DEMO_LOGINS[role])


def download(page, link):
    with page.expect_download() as started:
        page.get_by_role("link", name=link).first.click()
    return started.value


def test_senco_freezes_two_censuses_compares_them_and_checks_the_mis(demo, new_page, tmp_path):
    page = new_page()
    sign_in(page, DEMO_LOGINS["senco"], DEMO_PASSWORD, second_factor(staff("senco")))
    census = f"/schools/{DEMO_URN}/census/"
    earlier, later = sorted(day.on for day in recent_census_days(TODAY, count=2))
    for day in (earlier, later):
        page.goto(f"{census}?date={day.isoformat()}")
        fill(page, {"confirm": True})
        page.get_by_role("button", name=re.compile("^Freeze the census")).click()
        expect(page.get_by_text(re.compile("is frozen as it stands now"))).to_be_visible()
    check_page(page, "senco-snapshot")
    assert download(page, "Download this census as CSV").suggested_filename.endswith("-frozen.csv")
    assert CensusSnapshot.objects.count() == 2

    page.goto(census)
    page.locator("#compare_earlier").select_option(index=2)
    page.locator("#compare_later").select_option(index=1)
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_url("**/census/compare/**")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    check_page(page, "senco-census-compare")

    page.goto(census)
    assert download(page, "Download XML").suggested_filename.endswith(".xml")
    pupil = Pupil.objects.filter(school__urn=DEMO_URN).order_by("upn").first()
    mis = tmp_path / "mis.csv"
    mis.write_text(f"upn,sen_provision\n{pupil.upn},E\n", encoding="utf-8")
    page.set_input_files("#mis_file", str(mis))
    page.get_by_role("button", name="Compare with the MIS").click()
    page.wait_for_url("**/census/mis/**")
    check_page(page, "senco-mis-compare")

    page.goto(f"/schools/{DEMO_URN}/register/")
    assert download(page, "Download this list as CSV").suggested_filename.endswith(".csv")


def test_officer_sees_figures_across_their_schools(demo, new_page):
    officer = staff("officer")
    page = new_page()
    sign_in(page, officer.email, DEMO_PASSWORD, second_factor(officer))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.rstrip("/").endswith("/officer")
    check_page(page, "officer-across-schools")

    school = School.objects.get(urn=DEMO_URN)
    snapshot_freeze(school=school, on=officer_census_days(TODAY)[0].on, user=officer)
    open_and_check(page, "Trends by term, from frozen censuses", "officer-trends")
    expect(page.get_by_role("heading", name="Each school")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=school.name)).to_contain_text("%")


def test_parent_reads_a_past_plan_and_accepts_an_invitation_for_another_child(demo, new_page):
    parent = staff("parent")
    child = parent.parent_links.get(pupil__support_plans__state=PlanState.ACTIVE).pupil
    past = child.support_plans.exclude(state__in=[PlanState.ACTIVE, PlanState.DRAFT]).first()
    sibling = Pupil.objects.filter(school=child.school).exclude(parent_links__parent=parent)
    sibling = sibling.order_by("upn").first()

    senco_page = new_page()
    sign_in(senco_page, DEMO_LOGINS["senco"], DEMO_PASSWORD, second_factor(staff("senco")))
    senco_page.goto(f"/pupils/{sibling.pk}/invite-parent/")
    fill(senco_page, {"email": parent.email, "relationship": "mother"})
    senco_page.get_by_role("button", name="Save").click()
    assert mail.outbox[-1].to == [parent.email]

    page = new_page()
    sign_in(page, parent.email, DEMO_PASSWORD)
    check_page(page, "parent-home-invited")
    page.get_by_role("button", name=re.compile("^Accept")).first.click()
    expect(page.get_by_text(f"You can now see {sibling.display_name}'s plans.")).to_be_visible()
    assert ParentLink.objects.filter(parent=parent, pupil=sibling).exists()

    if past is None:
        pytest.fail("the demo parent's child should have a past plan")
    page.goto(f"/children/{child.pk}/")
    open_and_check(page, re.compile(f"from {past.starts_on.day} "), "parent-past-plan")
