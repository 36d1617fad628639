"""Subject access export, retention report and backup."""

import datetime
import io
import json
import sqlite3
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from data_protection.retention import birthday, past_retention
from pupils.models import Pupil
from support_plans.models import ContactKind, ParentContact
from tests.factories import (
    NeedAssessmentFactory,
    OutcomeFactory,
    PupilFactory,
    SupportPlanFactory,
)


@pytest.fixture
def ava_with_records(client_for, senco, ava, noah):
    NeedAssessmentFactory(pupil=ava, level=3, assessed_on=datetime.date(2025, 10, 1))
    NeedAssessmentFactory(pupil=noah, level=4, note="NOAH'S OWN RECORD")
    plan = SupportPlanFactory(pupil=ava, version=1)
    OutcomeFactory(plan=plan, what_will_change="Reads 30 more words")
    SupportPlanFactory(pupil=ava, version=2, state="draft", starts_on=None)
    ParentContact.objects.create(
        pupil=ava, kind=ContactKind.MEETING, held_on=datetime.date(2025, 11, 1)
    )
    client = client_for(senco)
    client.post(
        reverse("decision_add", args=[ava.pk]),
        {"code": "K", "reason": "Awaiting EP", "decided_on": "2025-11-03"},
    )
    client.get(reverse("pupil_record", args=[ava.pk]))  # a logged view
    return ava


def test_a_subject_access_export_holds_everything_about_the_pupil_and_nothing_else(
    ava_with_records, tmp_path
):
    ava = ava_with_records
    out = tmp_path / "sar.zip"
    call_command(
        "subject_access_export",
        "--school",
        ava.school.urn,
        "--upn",
        ava.upn,
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    archive = zipfile.ZipFile(out)
    names = set(archive.namelist())
    assert {
        "records.json",
        "README.txt",
        "evidence-pack.pdf",
        "plans/plan-1-active.pdf",
        "plans/plan-2-draft.pdf",
    } <= names
    data = json.loads(archive.read("records.json"))
    assert data["pupil"][0]["fields"]["upn"] == ava.upn
    assert [a["fields"]["level"] for a in data["grid_assessments"]] == [3]
    assert data["outcomes"][0]["fields"]["what_will_change"] == "Reads 30 more words"
    assert data["senco_decisions"][0]["fields"]["reason"] == "Awaiting EP"
    assert data["parent_contact"][0]["fields"]["kind"] == "meeting"
    assert any(
        change["record"].startswith("SENCO decision, ") for change in data["history_of_changes"]
    )
    assert [entry["what"] for entry in data["access_log"]] == ["record"]
    assert data["parents"] == [] or all("@" in p["email"] for p in data["parents"])
    assert "NOAH'S OWN RECORD" not in archive.read("records.json").decode()
    text = PdfReader(io.BytesIO(archive.read("plans/plan-1-active.pdf"))).pages[0].extract_text()
    assert ava.display_name in text
    # The export itself is logged.
    assert ava.access_log.filter(what="subject access export").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--upn", "A000000000000"], "No pupil with UPN"),
    ],
)
def test_a_subject_access_export_refuses_bad_input(school, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command(
            "subject_access_export", "--school", school.urn, "--out", str(tmp_path / "x.zip"), *args
        )


def test_a_subject_access_export_never_overwrites_a_file(ava, tmp_path):
    out = tmp_path / "sar.zip"
    out.write_bytes(b"earlier export")
    with pytest.raises(CommandError, match="already exists"):
        call_command(
            "subject_access_export", "--school", ava.school.urn, "--upn", ava.upn, "--out", str(out)
        )
    assert out.read_bytes() == b"earlier export"


def test_the_retention_report_lists_those_past_birth_plus_31_years_and_deletes_nothing(
    school, capsys
):
    today = datetime.date.today()
    past = PupilFactory(school=school, legal_forename="Old", date_of_birth=birthday(today, -31))
    PupilFactory(
        school=school,
        legal_forename="Younger",
        date_of_birth=birthday(today, -31) + datetime.timedelta(days=1),
    )
    PupilFactory(school=school, legal_forename="Aged25", date_of_birth=birthday(today, -25))
    before = Pupil.objects.count()
    call_command("retention_report")
    out, err = capsys.readouterr()
    rows = out.strip().splitlines()
    assert rows[0] == (
        "school_urn,upn,legal_surname,legal_forename,date_of_birth,retention_ended_on,left_on"
    )
    assert len(rows) == 2 and past.upn in rows[1] and str(today) in rows[1]
    assert "Nothing has been deleted" in err
    assert Pupil.objects.count() == before


def test_the_retention_period_is_a_setting(school, settings):
    settings.SEN_RETENTION_YEARS_FROM_BIRTH = 25
    today = datetime.date.today()
    aged_25 = PupilFactory(school=school, date_of_birth=birthday(today, -25))
    assert [pupil for pupil, _ in past_retention(Pupil.objects.all(), today)] == [aged_25]


def test_a_leap_day_birthday_turns_25_on_the_28th():
    assert birthday(datetime.date(2000, 2, 29), 25) == datetime.date(2025, 2, 28)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_copies_sqlite_online_and_points_postgresql_to_pg_dump(tmp_path):
    PupilFactory.create_batch(3)
    out = tmp_path / "backup.sqlite3"
    if connection.vendor == "sqlite":
        call_command("backup_database", "--out", str(out), stdout=io.StringIO())
        copy = sqlite3.connect(out)
        assert copy.execute("select count(*) from pupils_pupil").fetchone() == (3,)
        copy.close()
    else:
        with pytest.raises(CommandError, match="back it up with pg_dump"):
            call_command("backup_database", "--out", str(out))
