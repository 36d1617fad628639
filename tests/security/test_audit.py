"""Who changed what and when (history), and who looked (access log)."""

import datetime

import pytest
from django.urls import reverse

from pupils.models import Strand
from pupils.register_import import RegisterImport
from sen_register.core.models import AccessLogEntry
from tests.factories import EHCPlanFactory, NeedAssessmentFactory, SupportPlanFactory
from tests.register_files import csv_bytes, pupil_row


def test_a_change_through_a_form_is_in_the_history_with_who_and_what(client_for, senco, head, ava):
    client = client_for(senco)
    client.post(
        reverse("decision_add", args=[ava.pk]),
        {"code": "K", "reason": "Awaiting EP", "decided_on": "2025-11-03"},
    )
    decision = ava.senco_decisions.get()
    client.post(
        reverse("decision_withdraw", args=[ava.pk, decision.pk]),
        {"withdrawn_on": "2025-12-01", "note": "EP advice received"},
    )
    page = client_for(head).get(reverse("pupil_history", args=[ava.pk]))
    changes = page.context["changes"]
    assert [(c.kind, c.what, c.user) for c in changes[:2]] == [
        ("Changed", "SENCO decision", senco),
        ("Added", "SENCO decision", senco),
    ]
    withdrawn = dict((field, (before, after)) for field, before, after in changes[0].changes)
    assert withdrawn["withdrawn on"] == ("", "1 December 2025")
    assert withdrawn["withdrawal note"] == ("", "EP advice received")
    assert "EP advice received" in page.content.decode()


def test_an_edited_plan_keeps_its_earlier_wording(client_for, senco, ava):
    plan = SupportPlanFactory(pupil=ava, about_me="Loves drawing")
    client = client_for(senco)
    client.post(
        reverse("plan_edit", args=[plan.pk]),
        {"about_me": "Loves football", "revision": plan.revision},
    )
    (change,) = [
        c
        for c in client.get(reverse("pupil_history", args=[ava.pk])).context["changes"]
        if c.kind == "Changed"
    ]
    assert ("About me", "Loves drawing", "Loves football") in change.changes


def test_an_import_is_in_the_history_with_its_reason(school, senco):
    RegisterImport(
        school, csv_bytes([pupil_row(1, assessed_on="2025-10-01", ssg_hearing="3")]), user=senco
    ).run()
    from pupils.models import NeedAssessment, Pupil

    assert Pupil.history.get().history_change_reason == "register import"
    record = NeedAssessment.history.get()
    assert (record.history_user, record.history_change_reason) == (senco, "register import")


def test_every_view_of_a_record_plan_or_pdf_is_logged(
    client_for, senco, teacher, parent, head, ava
):
    plan = SupportPlanFactory(pupil=ava)
    client_for(teacher).get(reverse("pupil_record", args=[ava.pk]))
    client_for(senco).get(reverse("plan", args=[plan.pk]))
    client_for(parent).get(reverse("plan_pdf", args=[plan.pk]))
    client_for(head).get(reverse("evidence_pack", args=[ava.pk]))
    client_for(parent).get(reverse("child", args=[ava.pk]))
    logged = [(e.user, e.what) for e in AccessLogEntry.objects.order_by("id")]
    assert logged == [
        (teacher, "record"),
        (senco, f"plan {plan.version}"),
        (parent, f"plan {plan.version} PDF"),
        (head, "evidence pack PDF"),
        (parent, "parent's page"),
    ]
    page = client_for(senco).get(reverse("access_log", args=[ava.pk])).content.decode()
    assert "evidence pack PDF" in page and teacher.email in page


def test_a_refused_view_is_not_logged_as_a_view(client_for, officer, ava):
    assert client_for(officer).get(reverse("pupil_record", args=[ava.pk])).status_code == 404
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("edits", [1, 15])
def test_the_history_page_runs_a_fixed_number_of_queries(
    client_for, senco, ava, django_assert_num_queries, edits
):
    client = client_for(senco)
    plan = SupportPlanFactory(pupil=ava)
    for n in range(edits):
        plan.about_me = f"version {n}"
        plan.save()
        NeedAssessmentFactory(pupil=ava, level=1 + n % 5)
    # session, user, pupil, memberships, the access log entry, one query for each of the 17
    # kinds of SEN record's history, then one for each kind of record the changes name (the
    # school, the strands, the people)
    with django_assert_num_queries(25):
        response = client.get(reverse("pupil_history", args=[ava.pk]))
    # each edit: the plan changed and an assessment added; plus the pupil and the plan created
    assert len(response.context["changes"]) == 2 * edits + 2


def test_the_history_names_people_strands_and_plans_not_database_ids(client_for, senco, ava):
    hearing = Strand.objects.get(slug="hearing")
    assessment = NeedAssessmentFactory(
        pupil=ava,
        strand=hearing,
        level=3,
        assessed_on=datetime.date(2025, 10, 1),
        assessed_by=senco,
    )
    SupportPlanFactory(pupil=ava, created_by=senco)
    EHCPlanFactory(pupil=ava, issued_on=datetime.date(2025, 11, 3))
    page = client_for(senco).get(reverse("pupil_history", args=[ava.pk])).content.decode()
    assert "Added: Grid assessment, Hearing, 1 October 2025" in page
    assert f"Assessed by: {senco}" in page
    assert f"Strand: {hearing.name}" in page
    assert "Added: EHC plan, 3 November 2025" in page
    for database_id in (senco.pk, hearing.pk, assessment.pk):
        assert f": {database_id}<" not in page
    assert f"#{assessment.pk}" not in page


def test_every_record_an_import_creates_has_its_created_history_row(school, senco):
    """The history rows copied in the database hold what each record holds, once each."""
    from pupils.models import EHCPlan, LevelTwoCriterion, NeedAssessment, Pupil, SENNeed
    from tests.register_files import generated_register

    RegisterImport(school, csv_bytes(generated_register(120)), user=senco).run()
    for model in (Pupil, NeedAssessment, LevelTwoCriterion, SENNeed, EHCPlan):
        names = [field.attname for field in model._meta.concrete_fields]
        records = {row["id"]: row for row in model.objects.values(*names)}
        history = list(model.history.values(*names, "history_type", "history_user"))
        assert records and len(history) == len(records), model
        for row in history:
            assert row.pop("history_type") == "+" and row.pop("history_user") == senco.pk
            assert row == records[row["id"]], model
