"""A new school sets itself up in the browser, from `create_school` and one SENCO account:
staff invited, a register imported from Excel, a pupil added by hand, teaching groups
imported; then a subject teacher and a teaching assistant, each through their invitation,
see the needs and strategies of the pupils in their group. No Django admin, no shell."""

import datetime
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from pupils.upn import make_upn
from sen_register.core.models import User
from tests.e2e.conftest import check_page, fill, open_and_check, second_factor, sign_in
from tests.register_files import csv_bytes, pupil_row, xlsx_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

URN = "140001"
SENCO_EMAIL = "senco@brookside.test"
PASSWORD = "a-long-first-passphrase-2026"
A_MONTH_AGO = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def new_school(monkeypatch):
    call_command("create_school", "--urn", URN, "--name", "Brookside Academy")
    monkeypatch.setenv("SENCO_PASSWORD", PASSWORD)
    call_command(
        "create_user",
        *("--school", URN, "--role", "senco", "--email", SENCO_EMAIL),
        *("--password-from-env", "SENCO_PASSWORD"),
    )
    return User.objects.get(email=SENCO_EMAIL)


def invite(page, email, first, last, role):
    page.get_by_role("link", name="Invite a member of staff").click()
    fill(page, {"email": email, "first_name": first, "last_name": last})
    page.locator(f"[name='roles'][value='{role}']").check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text(f"{email} has been emailed")).to_be_visible()
    return re.search(r"https?://\S+/accounts/invitation/\S+", mail.outbox[-1].body).group(0)


def accept(new_page, link, email):
    page = new_page()
    page.goto(link)
    fill(page, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    page.get_by_role("button", name="Set my password").click()
    page.wait_for_url("**/accounts/invitation/done/**")
    sign_in(page, email, PASSWORD, second_factor(User.objects.get(email=email)))
    return page


def test_a_new_school_sets_itself_up_and_its_staff_see_their_pupils(new_school, new_page):
    page = new_page()
    sign_in(page, SENCO_EMAIL, PASSWORD, second_factor(new_school))

    # Staff: a subject teacher and a teaching assistant, by email.
    page.goto(f"/schools/{URN}/staff/")
    check_page(page, "setup-staff-empty")
    page.get_by_role("link", name="Invite a member of staff").click()
    check_page(page, "setup-staff-invite")
    page.get_by_role("button", name="Send the invitation").click()  # nothing filled in
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "setup-staff-invite-errors")
    page.goto(f"/schools/{URN}/staff/")
    teacher_link = invite(page, "maths@brookside.test", "Mo", "Ahmed", "teacher")
    assistant_link = invite(page, "ta@brookside.test", "Tia", "Jones", "assistant")
    check_page(page, "setup-staff-list")

    # The register from an Excel workbook: dates and years typed as a spreadsheet holds them.
    rows = [
        pupil_row(1, nc_year="Year 9", class_group="9A", assessed_on=A_MONTH_AGO),
        pupil_row(2, nc_year="9", class_group="9A"),
    ]
    rows[0]["ssg_cognition_learning"] = "3"
    page.goto(f"/schools/{URN}/import/")
    page.set_input_files(
        "#id_file", files=[{"name": "register.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(rows)}]
    )
    page.get_by_label("Check the file only; write nothing").uncheck()
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_text("pupils added: 2")).to_be_visible()
    page.get_by_role("link", name="See on the register the pupils this import changed").click()
    expect(page.get_by_text("2 pupils")).to_be_visible()
    check_page(page, "setup-import-changed")

    # A pupil who joined today, added by hand.
    page.goto(f"/schools/{URN}/register/")
    open_and_check(page, "Add a pupil", "setup-pupil-add")
    upn = make_upn(373, 4001, 77)
    fill(
        page,
        {
            "upn": upn,
            "legal_forename": "Hana",
            "legal_surname": "Novak",
            "date_of_birth": "2012-02-03",
            "nc_year": "9",
        },
    )
    page.get_by_role("button", name="Add the pupil").click()
    expect(page.get_by_text("Hana Novak is added")).to_be_visible()
    open_and_check(page, "Change details and groups", "setup-pupil-details")
    page.go_back()
    open_and_check(page, "Record leaving the roll", "setup-pupil-leaving")

    # Teaching groups from a class list: a science class with the teacher and the assistant.
    page.goto(f"/schools/{URN}/groups/")
    check_page(page, "setup-groups")
    open_and_check(page, "Add a group", "setup-group-add")
    page.goto(f"/schools/{URN}/groups/")
    open_and_check(page, "Import groups from a file", "setup-groups-import")
    header = ["Class", "UPN", "Teacher Email"]
    groups = [
        {"Class": "9Sc1", "UPN": rows[0]["upn"], "Teacher Email": "maths@brookside.test"},
        {"Class": "9Sc1", "UPN": upn, "Teacher Email": "ta@brookside.test"},
    ]
    page.set_input_files(
        "#id_file",
        files=[{"name": "groups.csv", "mimeType": "text/csv", "buffer": csv_bytes(groups, header)}],
    )
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_text("2 pupils placed in groups")).to_be_visible()
    check_page(page, "setup-groups-imported")
    page.goto(f"/schools/{URN}/groups/")
    open_and_check(page, "9Sc1", "setup-group")
    open_and_check(page, "Print the passports of this group's pupils (PDF)", "setup-no-passports")
    expect(page.get_by_role("heading", name="No passports to print for 9Sc1")).to_be_visible()
    page.goto(f"/schools/{URN}/staff/")
    page.get_by_role("link", name=re.compile("^Change Mo Ahmed")).click()
    check_page(page, "setup-staff-member")
    open_and_check(page, "Remove Mo Ahmed", "setup-staff-remove")
    page.goto(f"/schools/{URN}/staff/")
    open_and_check(page, "Staff history", "setup-staff-history")

    # The imported pupil at level 3 is now at SEN support: the record says what is due, and
    # the SENCO works through it, ending with an active plan and its strategies.
    page.goto(f"/schools/{URN}/register/")
    page.get_by_role("link", name="Forename1 Surname1").click()
    expect(page.get_by_role("heading", name="What is due now")).to_be_visible()
    check_page(page, "setup-pupil-due")
    page.get_by_role("link", name="Tell the parents").click()
    expect(page.locator("[name='kind']")).to_have_value("notification")
    fill(page, {"notes": "Letter sent home about the extra reading support"})
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Set the need type").click()
    fill(page, {"need_type_1": "SPLD"})
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Start a support plan").click()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Edit the plan").click()
    fill(
        page,
        {
            "strategies": "Give instructions one step at a time; check she has started.",
            "strengths": "Drawing, and explaining how things work",
            "finds_hard": "Reading long texts and copying from the board",
            "helps_me": "Key words on my desk and a printed copy of the slides",
            "talk_to_me": "Say my name first, then one instruction",
        },
    )
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add an outcome").click()
    fill(
        page,
        {
            "what_will_change": "Reads a page of her reading book aloud",
            "how_measured": "Running record each half term",
            "baseline": "Half a page with help",
            "target_on": "2027-07-16",
        },
    )
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Make active").click()
    page.get_by_label(re.compile("Make this the pupil's plan")).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The plan is now the pupil's active plan.")).to_be_visible()
    page.get_by_role("link", name="Forename1 Surname1").first.click()
    expect(page.get_by_role("heading", name="What is due now")).to_have_count(0)

    # The subject teacher and the assistant each see the science class's pupils' needs and
    # what helps them.
    for link, email in (
        (teacher_link, "maths@brookside.test"),
        (assistant_link, "ta@brookside.test"),
    ):
        staff_page = accept(new_page, link, email)
        staff_page.goto(f"/schools/{URN}/my-pupils/")
        expect(
            staff_page.get_by_role("link", name="Forename1 Surname1", exact=True)
        ).to_be_visible()
        expect(staff_page.get_by_text("Give instructions one step at a time")).to_be_visible()
        expect(staff_page.get_by_text("Specific learning difficulty")).to_be_visible()
        expect(staff_page.get_by_text("Say my name first, then one instruction")).to_be_visible()
        check_page(staff_page, f"setup-my-pupils-{email.split('@')[0]}")
        passports = "Passports for 9Sc1 (PDF)" if "ta@" in email else "Passport (PDF)"
        with staff_page.expect_download() as printed:
            staff_page.get_by_role("link", name=re.compile(re.escape(passports))).first.click()
        assert Path(printed.value.path()).read_bytes()[:5] == b"%PDF-"
        expect(staff_page.get_by_text("Surname2")).to_have_count(0)  # not in their group
