"""Each user's journey in a real browser, on the demo school, with axe on every page visited."""

import datetime
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, DEMO_URN, seed_demo
from pupils.models import NeedAssessment, Pupil
from pupils.upn import make_upn
from sen_register.core.models import User
from support_plans.models import ParentViews, Review, ReviewNote, SupportPlan
from tests.e2e.conftest import check_page, second_factor, sign_in
from tests.register_files import csv_bytes, pupil_row

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo():
    seed_demo(datetime.date.today())


def staff(role):
    return User.objects.get(email=DEMO_LOGINS[role])


def test_senco_imports_assesses_plans_reviews_and_invites(demo, new_page):
    page = new_page()
    sign_in(page, DEMO_LOGINS["senco"], DEMO_PASSWORD, second_factor(staff("senco")))
    expect(page.get_by_role("heading", name="Riverside Academy (demo)")).to_be_visible()
    check_page(page, "senco-home")

    # Import a register file of two new pupils.
    page.get_by_role("link", name="Import pupils").click()
    check_page(page, "senco-import")
    with page.expect_download() as template:
        page.get_by_role("link", name="Download a template").click()
    assert template.value.suggested_filename == "register-template.csv"
    rows = [
        pupil_row(
            901,
            upn=make_upn(373, 4999, 901),
            legal_surname="Imported",
            legal_forename="Isla",
            assessed_on="2026-10-01",
            ssg_cognition_learning="3",
            class_group="8B",
        ),
        pupil_row(
            902,
            upn=make_upn(373, 4999, 902),
            legal_surname="Imported",
            legal_forename="Ivan",
            class_group="8B",
        ),
    ]
    page.set_input_files(
        "#id_file",
        files=[{"name": "register.csv", "mimeType": "text/csv", "buffer": csv_bytes(rows)}],
    )
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_text("register.csv is good; nothing has been written yet")).to_be_visible()
    check_page(page, "senco-import-checked")
    page.get_by_role("button", name="Import register.csv now").click()  # not chosen again
    expect(page.get_by_text("pupils added: 2")).to_be_visible()
    check_page(page, "senco-import-done")

    # Find the pupil on the register and record a grid assessment.
    page.goto(f"/schools/{DEMO_URN}/register/")
    page.get_by_label("Name or UPN").fill("Isla Imported")
    page.get_by_role("button", name="Show pupils").click()
    check_page(page, "senco-register")
    page.get_by_role("link", name="Isla Imported").click()
    check_page(page, "senco-pupil")
    page.get_by_role("link", name="Record a grid assessment").click()
    check_page(page, "senco-grid-form")
    page.locator("fieldset", has_text="Emotional regulation").get_by_label(
        re.compile("^Level 2")
    ).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Grid assessment recorded for 1 strand(s).")).to_be_visible()

    # Write a plan with two outcomes and a provision, and make it active.
    page.get_by_role("link", name="Start a new plan").click()
    check_page(page, "senco-new-plan")
    page.get_by_role("button", name="Save").click()
    check_page(page, "senco-draft-plan")
    for what in ("Reads 30 more high-frequency words", "Uses a calm-down plan within ten minutes"):
        page.get_by_role("link", name="Add an outcome").click()
        page.locator("#id_what_will_change").fill(what)
        page.locator("#id_how_measured").fill("Half-termly check")
        page.locator("#id_baseline").fill("Where she is now")
        page.locator("#id_target_on").fill("2027-03-26")
        if what.startswith("Reads"):
            check_page(page, "senco-outcome-form")
        page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add provision").click()
    page.locator("#id_what").fill("Precision teaching")
    page.locator("#id_delivered_by").fill("Teaching assistant")
    page.locator("#id_sessions_per_week").fill("3")
    page.locator("#id_minutes_per_session").fill("15")
    page.locator("#id_starts_on").fill("2026-11-02")
    page.locator("#id_hourly_rate").fill("18")
    check_page(page, "senco-provision-form")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Make active").click()
    check_page(page, "senco-plan-activate")
    page.get_by_label(re.compile("Make this the pupil's plan")).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The plan is now the pupil's active plan.")).to_be_visible()
    check_page(page, "senco-active-plan")

    # Run a review.
    page.get_by_role("link", name="Review the plan").click()
    check_page(page, "senco-review-form")
    page.locator("#id_attended_by").fill("SENCO, class teacher, mother")
    page.get_by_label("A parent or carer attended").check()
    for select in page.locator("select[name$='_rating']").all():
        select.select_option("1")
    page.locator("select[name$='_impact']").first.select_option("good")
    page.locator("#id_decision").select_option("continue")
    page.locator("#id_next_review_on").fill("2027-03-19")
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Review recorded.")).to_be_visible()
    pupil = Pupil.objects.get(legal_forename="Isla", legal_surname="Imported")
    plan = SupportPlan.objects.get(pupil=pupil, state="active")
    assert plan.outcomes.count() == 2 and plan.provisions.count() == 1
    assert Review.objects.get(plan=plan).progress.count() == 2

    # Invite a parent.
    page.get_by_role("link", name="Isla Imported").click()
    page.get_by_role("link", name="Invite a parent or carer").click()
    check_page(page, "senco-invite")
    page.get_by_label("Parent's or carer's email address").fill("isla.parent@example.org")
    page.get_by_label("Relationship to the pupil").select_option("mother")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Invitation sent to isla.parent@example.org.")).to_be_visible()
    assert mail.outbox[-1].to == ["isla.parent@example.org"]


def test_teacher_reads_strategies_and_adds_a_note(demo, new_page):
    page = new_page()
    sign_in(page, DEMO_LOGINS["teacher"], DEMO_PASSWORD, second_factor(staff("teacher")))
    check_page(page, "teacher-home")
    page.get_by_role("link", name="My pupils' needs and plans").click()
    expect(page.get_by_role("heading", name="Strategies").first).to_be_visible()
    check_page(page, "teacher-my-pupils")
    page.get_by_role("link", name=re.compile("^Add a note on progress")).first.click()
    check_page(page, "teacher-note-form")
    page.locator("#id_outcome").select_option(index=1)
    page.locator("#id_text").fill("Read the whole page aloud today without help.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Note added.")).to_be_visible()
    assert ReviewNote.objects.filter(
        text__startswith="Read the whole page", author=staff("teacher")
    ).exists()


def test_head_checks_the_census_and_downloads_the_csv(demo, new_page):
    page = new_page()
    sign_in(page, DEMO_LOGINS["head"], DEMO_PASSWORD, second_factor(staff("head")))
    check_page(page, "head-home")
    page.get_by_role("link", name="Census", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("^Register checks"))).to_be_visible()
    check_page(page, "head-census")
    expect(
        page.get_by_text("2170").first
    ).to_be_visible()  # the demo's two K pupils with no need type
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        "upn,legal_surname,legal_forename,date_of_birth,nc_year,sen_provision,sen_type_1,"
        "sen_type_2,basis"
    )
    assert len(lines) > 600


def test_parent_opens_the_plan_downloads_the_pdf_and_sends_views(demo, new_page):
    page = new_page()
    sign_in(page, DEMO_LOGINS["parent"], DEMO_PASSWORD)
    check_page(page, "parent-home")
    parent = User.objects.get(email=DEMO_LOGINS["parent"])
    child = parent.parent_links.get(pupil__support_plans__state="active").pupil
    page.get_by_role("link", name=child.display_name).click()
    check_page(page, "parent-child")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the plan (PDF)").click()
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"
    page.get_by_role("link", name="Send your views before the review").click()
    check_page(page, "parent-views-form")
    page.get_by_label("Your views").fill("She is much happier since the reading club.")
    page.get_by_role("button", name="Send my views").click()
    expect(page.get_by_text("Your views have been sent")).to_be_visible()
    assert ParentViews.objects.filter(pupil=child, submitted_by=parent).exists()
    page.get_by_role("link", name="Emails before reviews").click()
    check_page(page, "parent-reminders")
    page.get_by_label("Email me before each review").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("will no longer be emailed")).to_be_visible()
    assert not parent.parent_links.get(pupil=child).review_reminders


def tab_to(page, selector, limit=200):
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never received the focus by Tab")


def test_the_grid_form_with_the_keyboard_alone(demo, new_page):
    page = new_page()
    sign_in(page, DEMO_LOGINS["senco"], DEMO_PASSWORD, second_factor(staff("senco")))
    pupil = (
        Pupil.objects.filter(school__urn=DEMO_URN, assessments__isnull=True).order_by("upn").first()
    )
    page.goto(f"/pupils/{pupil.pk}/grid/")
    tab_to(page, "input[name=strand_cognition_learning]")
    for _ in range(3):  # arrows move through a radio group: no choice, then levels 1, 2, 3
        page.keyboard.press("ArrowDown")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Grid assessment recorded for 1 strand(s).")).to_be_visible()
    assert list(
        NeedAssessment.objects.filter(pupil=pupil).values_list("strand__slug", "level")
    ) == [("cognition_learning", 3)]


def test_the_parents_views_form_with_the_keyboard_alone(demo, new_page):
    page = new_page()
    sign_in(page, DEMO_LOGINS["parent"], DEMO_PASSWORD)
    parent = User.objects.get(email=DEMO_LOGINS["parent"])
    child = parent.parent_links.first().pupil
    page.goto(f"/children/{child.pk}/views/")
    tab_to(page, "#id_parent_views")
    page.keyboard.type("Typed with the keyboard only.")
    tab_to(page, "#id_child_views")
    page.keyboard.type("I like maths now.")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your views have been sent")).to_be_visible()
    views = ParentViews.objects.get(submitted_by=parent)
    assert (views.parent_views, views.child_views) == (
        "Typed with the keyboard only.",
        "I like maths now.",
    )


def test_the_idle_warning_keeps_a_parent_signed_in_and_a_sign_out_loses_nothing(
    demo, new_page, settings
):
    settings.SESSION_IDLE_SECONDS = 12  # short limits, so the test waits seconds, not minutes
    settings.SESSION_WARNING_SECONDS = 8
    page = new_page()
    sign_in(page, DEMO_LOGINS["parent"], DEMO_PASSWORD)
    parent = User.objects.get(email=DEMO_LOGINS["parent"])
    child = parent.parent_links.first().pupil
    page.goto(f"/children/{child.pk}/views/")
    page.get_by_label("Your views").fill("Typed before a long phone call.")

    # The warning comes before the sign-out, and "stay signed in" keeps the session.
    warning = page.get_by_role("dialog", name="You are about to be signed out")
    expect(warning).to_be_visible(timeout=15_000)
    check_page(page, "parent-idle-warning")
    warning.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()

    # Ignored, it signs out; what was typed is back after signing in again.
    expect(page).to_have_url(re.compile(r"/accounts/login/"), timeout=30_000)
    expect(page.get_by_text("You were signed out after")).to_be_visible()
    page.get_by_label("Email address").fill(DEMO_LOGINS["parent"])
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(rf"/children/{child.pk}/views/"))
    expect(page.get_by_label("Your views")).to_have_value("Typed before a long phone call.")
    expect(page.get_by_text("What you typed here before is back in the form")).to_be_visible()
    assert not ParentViews.objects.filter(submitted_by=parent).exists()  # nothing was sent
