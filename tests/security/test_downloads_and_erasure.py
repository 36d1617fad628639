"""Every download of pupil data leaves an entry in the access log that outlives the pupil;
the admin cannot hard-delete a pupil; erasure at the end of retention is a command that
records that it ran."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from census.models import CensusSnapshotRow
from census.snapshots import snapshot_freeze
from data_protection.retention import birthday
from pupils.models import NeedAssessment, Pupil
from sen_register.core.models import AccessLogEntry, ErasureRecord, User
from support_plans.models import SupportPlan
from tests.auth import sign_in
from tests.factories import (
    NeedAssessmentFactory,
    OutcomeFactory,
    PupilFactory,
    SupportPlanFactory,
)
from tests.source import PROJECT, source_files

CENSUS_DAY = datetime.date(2026, 10, 1)


def _urls(school, ava):
    plan = SupportPlanFactory(pupil=ava)
    snapshot = snapshot_freeze(school=school, on=CENSUS_DAY, user=None)
    urn = school.urn
    return {
        "register CSV": (f"/schools/{urn}/register.csv", None),
        "census CSV": (f"/schools/{urn}/census/export.csv?date={CENSUS_DAY}", None),
        "census XML": (f"/schools/{urn}/census/export.xml?date={CENSUS_DAY}", None),
        "frozen census CSV": (f"/schools/{urn}/census/snapshots/{snapshot.pk}/export.csv", None),
        f"plan {plan.version} PDF": (reverse("plan_pdf", args=[plan.pk]), ava),
        "evidence pack PDF": (reverse("evidence_pack", args=[ava.pk]), ava),
    }


def test_every_download_of_pupil_data_is_logged_with_who_what_and_whose(
    client_for, senco, school, ava
):
    client = client_for(senco)
    for what, (url, pupil) in _urls(school, ava).items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].startswith("attachment;")
        entry = AccessLogEntry.objects.latest("id")
        assert (entry.what, entry.download, entry.user_email, entry.school) == (
            what,
            True,
            senco.email,
            school,
        )
        assert entry.pupil_ref == (pupil.pk if pupil else None)
        assert entry.path == url


def test_looking_at_the_provision_map_is_logged_as_a_view_of_the_school(client_for, head, school):
    assert client_for(head).get(f"/schools/{school.urn}/provision-map/").status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.what, entry.school, entry.pupil_ref) == ("provision map", school, None)


def test_a_subject_access_export_is_logged_as_a_download(ava, tmp_path):
    out = tmp_path / "export.zip"
    call_command(
        "subject_access_export", "--school", ava.school.urn, "--upn", ava.upn, "--out", str(out)
    )
    entry = AccessLogEntry.objects.get()
    assert (entry.what, entry.download, entry.pupil_ref, entry.school) == (
        "subject access export",
        True,
        ava.pk,
        ava.school,
    )
    assert entry.user_email


def test_a_pupil_name_with_a_line_break_or_other_scripts_downloads_its_plan(
    client_for, senco, school
):
    pupil = PupilFactory(
        school=school, legal_surname="Nowak\r\nSet-Cookie: x=1", legal_forename="Zoë 李"
    )
    plan = SupportPlanFactory(pupil=pupil)
    response = client_for(senco).get(reverse("plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert "\n" not in header and "\r" not in header
    assert header.startswith("attachment;") and "filename*=utf-8''" in header


@pytest.fixture
def it_admin(db):
    return User.objects.create_superuser(email="it@hillside.test", password="x-long-password")


def test_the_admin_cannot_delete_a_pupil(client, it_admin, ava):
    sign_in(client, it_admin)
    page = client.get(reverse("admin:pupils_pupil_change", args=[ava.pk])).content.decode()
    delete_url = reverse("admin:pupils_pupil_delete", args=[ava.pk])
    assert delete_url not in page
    refused = client.post(delete_url, {"post": "yes"})
    assert refused.status_code == 403
    changelist = reverse("admin:pupils_pupil_changelist")
    client.post(
        changelist, {"action": "delete_selected", "_selected_action": [ava.pk], "post": "yes"}
    )
    assert Pupil.objects.filter(pk=ava.pk).exists()


def test_the_admin_cannot_rewrite_or_remove_the_access_log(client, it_admin, ava):
    entry = AccessLogEntry.objects.create(pupil=ava, pupil_ref=ava.pk, what="record", path="/")
    sign_in(client, it_admin)
    assert (
        client.post(
            reverse("admin:sen_register_accesslogentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:sen_register_accesslogentry_change", args=[entry.pk]),
            {"what": "nothing"},
        ).status_code
        == 403
    )
    assert AccessLogEntry.objects.get().what == "record"


@pytest.fixture
def old_pupil(school, senco):
    today = datetime.date.today()
    pupil = PupilFactory(
        school=school,
        date_of_birth=birthday(today, -32),
        joined_on=today.replace(year=today.year - 14),
        left_on=today.replace(year=today.year - 8),
    )
    NeedAssessmentFactory(pupil=pupil)
    plan = SupportPlanFactory(pupil=pupil)
    OutcomeFactory(plan=plan)
    AccessLogEntry.objects.create(
        pupil=pupil, pupil_ref=pupil.pk, school=school, what="record", path="/"
    )
    return pupil


def test_erasure_without_confirm_changes_nothing(old_pupil, capsys):
    call_command("erase_past_retention", "--school", old_pupil.school.urn)
    assert "Nothing has been erased" in capsys.readouterr().out
    assert Pupil.objects.filter(pk=old_pupil.pk).exists()
    assert not ErasureRecord.objects.exists()


def test_erasure_removes_the_records_and_their_history_and_records_that_it_ran(
    old_pupil, ava, capsys
):
    ref = old_pupil.pk
    snapshot_freeze(school=old_pupil.school, on=CENSUS_DAY.replace(year=2010), user=None)
    call_command("erase_past_retention", "--school", old_pupil.school.urn, "--confirm")
    assert "Erased the records of 1 pupil(s)" in capsys.readouterr().out
    assert not Pupil.objects.filter(pk=ref).exists()
    assert Pupil.objects.filter(pk=ava.pk).exists()  # only those past retention
    assert not Pupil.history.filter(id=ref).exists()
    assert not NeedAssessment.history.filter(pupil_id=ref).exists()
    assert not SupportPlan.history.filter(pupil_id=ref).exists()
    assert not CensusSnapshotRow.objects.filter(upn=old_pupil.upn).exists()
    record = ErasureRecord.objects.get()
    assert (record.pupils_erased, record.pupil_refs, record.school) == (1, [ref], ava.school)
    # The access log outlives the pupil, naming them only by number.
    entry = AccessLogEntry.objects.get(pupil_ref=ref)
    assert entry.pupil is None and entry.what == "record"


def test_no_module_offers_a_delete_of_pupils_but_the_erasure():
    offenders = []
    for path in source_files():
        text = path.read_text()
        if "pupil.delete()" in text or "Pupil.objects.all().delete()" in text:
            offenders.append(path.relative_to(PROJECT).as_posix())
    assert offenders == ["data_protection/retention.py"]
