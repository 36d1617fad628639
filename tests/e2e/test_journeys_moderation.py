"""A moderation round end to end in a real browser on the demo school: the officer draws a
sample and judges a case, seeing no pupil's name, UPN or date of birth; the school's SENCO
reads the judgement against the pupil's name."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from census.models import ModerationCase
from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, DEMO_URN, seed_demo
from sen_register.core.models import School, User
from tests.e2e.conftest import check_page, fill, open_and_check, second_factor, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TODAY = datetime.date.today()
NOTE = "Level 2 with no reason recorded: N rather than K."


@pytest.fixture
def demo():
    seed_demo(TODAY)


def staff(role):
    return User.objects.get(email=DEMO_LOGINS[role])


def nothing_names_a_pupil(page, cases):
    text = page.content()
    for case in cases:
        pupil = case.pupil
        for told in (pupil.legal_surname, pupil.upn, pupil.date_of_birth.isoformat()):
            assert told not in text, f"{page.url} shows {told!r}"
        assert f"{pupil.date_of_birth.day} {pupil.date_of_birth:%B %Y}" not in text


def test_a_moderation_round_from_draw_to_the_sencos_reading(demo, new_page):
    officer = staff("officer")
    page = new_page()
    sign_in(page, officer.email, DEMO_PASSWORD, second_factor(officer))
    open_and_check(page, "Moderation: draw a sample of cases and judge them", "officer-moderation")
    open_and_check(page, "Draw a sample", "officer-moderation-draw")

    page.get_by_role("button", name="Draw the sample").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose at least one school")
    check_page(page, "officer-moderation-draw-error")

    school = School.objects.get(urn=DEMO_URN)
    page.get_by_label(re.compile(f"^{re.escape(school.name)}")).check()
    fill(page, {"size": 6})
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_text("Drew 6 cases.")).to_be_visible()
    check_page(page, "officer-moderation-round")
    cases = list(ModerationCase.objects.select_related("pupil").order_by("sample_id"))
    assert len(cases) == 6
    nothing_names_a_pupil(page, cases)

    judged = cases[0]
    page.get_by_role("link", name=judged.sample_id, exact=True).click()
    check_page(page, "officer-moderation-case")
    nothing_names_a_pupil(page, cases)
    fill(page, {"agrees": "no"})
    page.get_by_role("button", name="Record the judgement").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why you disagree")
    check_page(page, "officer-moderation-case-error")
    fill(page, {"agrees": "no", "note": NOTE})
    page.get_by_role("button", name="Record the judgement").click()
    expect(page.get_by_text(f"Your judgement of {judged.sample_id} is recorded.")).to_be_visible()
    expect(page.get_by_text("1 of 6 cases judged")).to_be_visible()
    nothing_names_a_pupil(page, cases)
    page.goto("/officer/moderation/")
    nothing_names_a_pupil(page, cases)

    senco_page = new_page()
    sign_in(senco_page, DEMO_LOGINS["senco"], DEMO_PASSWORD, second_factor(staff("senco")))
    senco_page.goto(f"/schools/{DEMO_URN}/census/")
    open_and_check(
        senco_page, "Moderation of your pupils' codes by the authority", "senco-moderation"
    )
    row = senco_page.get_by_role("row").filter(has_text=judged.sample_id)
    expect(row).to_contain_text(judged.pupil.display_name)
    expect(row).to_contain_text(NOTE)
