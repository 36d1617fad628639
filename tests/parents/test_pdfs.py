"""The plan and evidence-pack PDFs: their text read back out, and their accessibility: tagged
(PDF/UA), document language and title set, real text, page numbers."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from support_plans.models import ContactKind, ParentContact, Review, SpecialistInvolvement
from tests.factories import (
    EHCPlanFactory,
    NeedAssessmentFactory,
    OutcomeFactory,
    ProvisionFactory,
    SupportPlanFactory,
)


def read(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def assert_accessible(reader, title):
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])  # a tagged PDF
    assert "/StructTreeRoot" in root  # with a structure tree (headings, tables, lists)
    assert reader.metadata.title == title
    assert "pdfuaid" in reader.xmp_metadata.stream.get_data().decode()  # declares PDF/UA


@pytest.fixture
def plan(ava):
    plan = SupportPlanFactory(
        pupil=ava, about_me="Ava loves swimming.", next_review_on=datetime.date(2026, 1, 20)
    )
    OutcomeFactory(plan=plan, what_will_change="Reads 30 more high-frequency words")
    ProvisionFactory(
        plan=plan, what="Lego therapy", delivered_by="Teaching assistant", group_size=3
    )
    return plan


def test_the_plan_pdf_holds_the_plan_in_plain_language(client_for, parent, ava, plan):
    reader, text = read(client_for(parent).get(reverse("plan_pdf", args=[plan.pk])))
    assert_accessible(reader, f"{ava.display_name}: SEN support plan")
    for expected in (
        "Hillside School",
        f"{ava.display_name}: SEN support plan",
        "Ava loves swimming.",
        "Reads 30 more high-frequency words",
        "Lego therapy",
        "in a group of 3",
        "Next review: 20 January 2026",
        "Page 1 of",
    ):
        assert expected in text, expected


def test_a_draft_plan_pdf_says_it_is_a_draft(client_for, senco, ava):
    draft = SupportPlanFactory(pupil=ava, state="draft", starts_on=None)
    _, text = read(client_for(senco).get(reverse("plan_pdf", args=[draft.pk])))
    assert "Draft: this plan has not been agreed yet." in text


def test_a_long_plan_numbers_its_pages(client_for, senco, ava):
    plan = SupportPlanFactory(pupil=ava)
    OutcomeFactory.create_batch(20, plan=plan)
    ProvisionFactory.create_batch(20, plan=plan)
    reader, text = read(client_for(senco).get(reverse("plan_pdf", args=[plan.pk])))
    pages = len(reader.pages)
    assert pages > 1
    assert f"Page {pages} of {pages}" in text


def test_the_evidence_pack_holds_the_history_in_date_order(client_for, head, ava):
    NeedAssessmentFactory(pupil=ava, level=2, assessed_on=datetime.date(2023, 10, 2))
    NeedAssessmentFactory(pupil=ava, level=4, assessed_on=datetime.date(2025, 10, 2))
    past = SupportPlanFactory(
        pupil=ava,
        version=1,
        state="superseded",
        starts_on=datetime.date(2024, 1, 8),
        ended_on=datetime.date(2025, 9, 1),
    )
    ProvisionFactory(plan=past, what="Precision teaching", hourly_rate=18)
    Review.objects.create(
        plan=past,
        held_on=datetime.date(2025, 7, 1),
        attended_by="SENCO, mother",
        decision="new_plan",
    )
    current = SupportPlanFactory(pupil=ava, version=2, starts_on=datetime.date(2025, 9, 1))
    ProvisionFactory(
        plan=current,
        what="In-class TA support",
        sessions_per_week=10,
        minutes_per_session=60,
        hourly_rate=18,
    )
    SpecialistInvolvement.objects.create(
        pupil=ava,
        service="ep",
        involved_on=datetime.date(2025, 3, 3),
        advice="Working memory support",
    )
    ParentContact.objects.create(
        pupil=ava, kind=ContactKind.FORMAL_NOTIFICATION, held_on=datetime.date(2024, 1, 8)
    )
    EHCPlanFactory(pupil=ava, issued_on=datetime.date(2025, 11, 1))
    reader, text = read(client_for(head).get(reverse("evidence_pack", args=[ava.pk])))
    assert_accessible(reader, f"Evidence pack: {ava.legal_forename} {ava.legal_surname}")
    for expected in (
        ava.upn,
        "Census code today: E — EHC plan issued 1 November 2025",
        # 10 h a week × 39 teaching weeks this school year × £18
        "£7,020.00 for this school year",
        "above the £6,000 threshold",
        "Precision teaching",
        "Review 1 July 2025",
        "Educational psychology",
        "Working memory support",
        "Formal notification of SEN provision",
    ):
        assert expected in text, expected
    chronology = text[text.index("Chronology") :]
    dates = ["2 October 2023", "8 January 2024", "3 March 2025", "1 July 2025", "2 October 2025"]
    dates.append("1 November 2025")
    positions = [chronology.index(d) for d in dates]
    assert positions == sorted(positions)


def test_the_demo_parent_sees_a_child_with_a_plan_a_past_review_and_a_pdf(client, db):
    from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo

    seed_demo(datetime.date(2026, 11, 23))
    client.post(reverse("login"), {"username": DEMO_LOGINS["parent"], "password": DEMO_PASSWORD})
    home = client.get(reverse("home"))
    child = next(
        c for c in home.context["children"] if c.support_plans.filter(state="active").exists()
    )
    page = client.get(reverse("child", args=[child.pk]))
    assert page.context["plan"] is not None
    assert page.context["reviews"].exists()
    reader, text = read(client.get(reverse("plan_pdf", args=[page.context["plan"].pk])))
    assert child.display_name in text
