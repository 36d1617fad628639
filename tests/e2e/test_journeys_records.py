"""The SENCO's work on one pupil's records and plans, in a real browser on the demo school, with
the page checks on every page and form, including a form in its error state."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, DEMO_URN, seed_demo
from pupils.models import EHCPlan, LevelTwoCriterion, Pupil, SencoDecision
from sen_register.core.models import User
from support_plans.models import PlanState, SupportPlan
from tests.e2e.conftest import check_page, fill, open_and_check, second_factor, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TODAY = datetime.date.today()
YESTERDAY = (TODAY - datetime.timedelta(days=1)).isoformat()
REPORT_PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def senco_page(new_page, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)  # documents kept for the journey only
    seed_demo(TODAY)
    page = new_page()
    senco = User.objects.get(email=DEMO_LOGINS["senco"])
    sign_in(page, DEMO_LOGINS["senco"], DEMO_PASSWORD, second_factor(senco))
    return page


def a_pupil_without_records():
    return (
        Pupil.objects.filter(school__urn=DEMO_URN, assessments__isnull=True, ehc_plans__isnull=True)
        .order_by("upn")
        .first()
    )


def save(page, button="Save"):
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def test_senco_records_and_withdraws_reasons_decisions_needs_and_plans(senco_page):
    page, pupil = senco_page, a_pupil_without_records()
    record = f"/pupils/{pupil.pk}/"

    # A form in its error state: the error summary leads to the field.
    page.goto(record)
    page.get_by_role("link", name="Record a grid assessment").click()
    fill(page, {"assessed_on": (TODAY + datetime.timedelta(days=30)).isoformat()})
    save(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "senco-grid-form-error")

    page.goto(record)
    open_and_check(page, "Record a level-2 reason", "senco-criterion-form")
    fill(page, {"criterion": "medical", "recorded_on": YESTERDAY, "note": "Diagnosis letter"})
    save(page)
    open_and_check(page, re.compile("^Withdraw Identified"), "senco-criterion-withdraw")
    fill(page, {"withdrawn_on": TODAY.isoformat(), "note": "Needs now met"})
    save(page)
    assert LevelTwoCriterion.objects.get(pupil=pupil).withdrawn_on == TODAY

    open_and_check(page, "Record a SENCO decision", "senco-decision-form")
    fill(page, {"code": "K", "reason": "Awaiting EP advice", "decided_on": YESTERDAY})
    save(page)
    open_and_check(page, re.compile("^Withdraw the decision"), "senco-decision-withdraw")
    fill(page, {"withdrawn_on": TODAY.isoformat(), "note": "EP advice received"})
    save(page)
    assert SencoDecision.objects.get(pupil=pupil).withdrawn_on == TODAY

    open_and_check(page, "Record an EHC plan", "senco-ehc-plan-form")
    fill(page, {"issued_on": YESTERDAY, "local_authority": "Sheffield City Council"})
    save(page)
    open_and_check(page, "Set need types", "senco-needs-form")
    fill(page, {"need_type_1": "SPLD", "recorded_on": YESTERDAY})
    save(page)
    open_and_check(page, re.compile("^Record its ceasing"), "senco-ehc-plan-cease")
    fill(page, {"ceased_on": TODAY.isoformat(), "note": "Moved to a special school"})
    save(page)
    assert EHCPlan.objects.get(pupil=pupil).ceased_on == TODAY

    open_and_check(page, "Record specialist involvement", "senco-specialist-form")
    fill(page, {"service": "ep", "involved_on": YESTERDAY, "advice": "Chunk instructions"})
    save(page)
    open_and_check(page, re.compile("^Record sharing it"), "senco-specialist-advice")
    fill(page, {"shared_with_parents_on": TODAY.isoformat()})
    save(page)
    expect(page.get_by_text(re.compile("shared with parents"))).to_be_visible()

    # A report kept with the record, opened again.
    open_and_check(page, "Add a document", "senco-document-form")
    fill(page, {"title": "Speech and language report", "dated": YESTERDAY})
    page.set_input_files(
        "#id_upload",
        files=[
            {"name": "report.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
        ],
    )
    save(page)
    with page.expect_download() as opened:
        page.get_by_role("link", name=re.compile("^Speech and language report")).click()
    assert opened.value.suggested_filename == "speech-and-language-report.pdf"
    open_and_check(page, "Record contact with parents", "senco-parent-contact-form")
    fill(page, {"kind": "meeting", "held_on": YESTERDAY, "notes": "Agreed the plan"})
    save(page)

    open_and_check(page, "History of changes", "senco-history")
    expect(page.get_by_text("Added: SENCO decision").first).to_be_visible()
    page.goto(record)
    open_and_check(page, "Who has looked at this record", "senco-access-log")
    page.goto(record)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the evidence pack (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_senco_edits_a_draft_removes_with_confirmation_and_closes_a_plan(senco_page):
    page = senco_page
    active = SupportPlan.objects.filter(pupil__school__urn=DEMO_URN, state=PlanState.ACTIVE)
    plan = active.filter(outcomes__isnull=False, provisions__isnull=False).first()
    page.goto(f"/plans/{plan.pk}/")
    open_and_check(page, "Close the plan", "senco-plan-close")
    fill(page, {"confirm": True})
    save(page)
    plan.refresh_from_db()
    assert plan.state == PlanState.CLOSED

    # A new draft copies the plan's words, outcomes and provision: edit them, remove two.
    page.goto(f"/pupils/{plan.pupil_id}/plans/new/")
    save(page)
    draft = SupportPlan.objects.get(pupil_id=plan.pupil_id, state=PlanState.DRAFT)
    first_provision = draft.provisions.order_by("pk").first().what
    open_and_check(page, "Edit the plan", "senco-plan-edit")
    fill(page, {"about_me": "Enjoys football and drawing."})
    save(page)
    page.goto(f"/plans/{draft.pk}/")
    open_and_check(page, re.compile("^Edit outcome 1"), "senco-outcome-edit")
    page.goto(f"/plans/{draft.pk}/")
    open_and_check(page, re.compile(f"^Edit {re.escape(first_provision)}"), "senco-provision-edit")
    page.goto(f"/plans/{draft.pk}/")
    outcomes, provisions = draft.outcomes.count(), draft.provisions.count()
    open_and_check(page, re.compile("^Remove outcome 1"), "senco-outcome-remove")
    save(page, re.compile("^Remove|^Yes"))
    page.goto(f"/plans/{draft.pk}/")
    open_and_check(
        page, re.compile(f"^Remove {re.escape(first_provision)}"), "senco-provision-remove"
    )
    save(page, re.compile("^Remove|^Yes"))
    assert (draft.outcomes.count(), draft.provisions.count()) == (outcomes - 1, provisions - 1)

    page.goto(f"/schools/{DEMO_URN}/")
    open_and_check(page, "Provision map", "senco-provision-map")
    open_and_check(page, "Interventions compared", "senco-interventions")
