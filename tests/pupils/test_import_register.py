"""The register import: all or nothing, every error named by row and column, history kept."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from pupils.models import (
    ClassGroup,
    EHCPlan,
    LevelTwoCriterion,
    NeedAssessment,
    Pupil,
    SencoDecision,
    SENNeed,
)
from pupils.register_file import RegisterFileError
from pupils.register_import import RegisterImport
from tests.register_files import csv_bytes, generated_register, pupil_row

ASSESSED = "2025-10-01"


def run_import(school, rows, tmp_path, *extra, header=None, bom=False, raw=None):
    path = tmp_path / "register.csv"
    path.write_bytes(raw if raw is not None else csv_bytes(rows, header, bom=bom))
    call_command("import_register", "--school", school.urn, str(path), *extra)


def import_errors(school, rows, tmp_path, capsys, **kwargs):
    with pytest.raises(CommandError, match="nothing was written"):
        run_import(school, rows, tmp_path, **kwargs)
    return capsys.readouterr().err.strip().splitlines()


def everything_count():
    return (
        Pupil.objects.count(),
        NeedAssessment.objects.count(),
        LevelTwoCriterion.objects.count(),
        SencoDecision.objects.count(),
        SENNeed.objects.count(),
        EHCPlan.objects.count(),
        ClassGroup.objects.count(),
    )


def test_a_good_file_records_pupils_and_their_needs(school, tmp_path):
    rows = [
        pupil_row(
            1,
            assessed_on=ASSESSED,
            ssg_cognition_learning="3",
            ssg_hearing="1",
            sen_type_1="MLD",
            sen_type_2="HI",
        ),
        pupil_row(
            2,
            assessed_on="01/10/2025",
            ssg_speech_language="2",
            level2_criteria="medical; transition",
        ),
        pupil_row(3, ehcp_issued_on="2024-03-01", ssg_physical="5", assessed_on=ASSESSED),
        pupil_row(
            4,
            assessed_on=ASSESSED,
            ssg_mental_health="2",
            senco_decision="K",
            senco_decision_reason="Awaiting CAMHS advice; support agreed with parents.",
        ),
        pupil_row(5, class_group="9C"),
    ]
    run_import(school, rows, tmp_path)

    assert Pupil.objects.filter(school=school).count() == 5
    first = Pupil.objects.get(upn=rows[0]["upn"])
    assert first.legal_surname == "Surname1"
    assert first.class_group.name == "8A"
    assert {(a.strand.slug, a.level) for a in first.assessments.all()} == {
        ("cognition_learning", 3),
        ("hearing", 1),
    }
    assert first.assessments.first().assessed_on == datetime.date(2025, 10, 1)
    assert {(n.rank, n.need_type) for n in first.sen_needs.all()} == {(1, "MLD"), (2, "HI")}
    second = Pupil.objects.get(upn=rows[1]["upn"])
    assert sorted(second.level_two_criteria.values_list("criterion", flat=True)) == [
        "medical",
        "transition",
    ]
    assert second.level_two_criteria.first().recorded_on == datetime.date(2025, 10, 1)
    assert Pupil.objects.get(upn=rows[2]["upn"]).ehc_plans.get().issued_on == datetime.date(
        2024, 3, 1
    )
    decision = Pupil.objects.get(upn=rows[3]["upn"]).senco_decisions.get()
    assert (decision.code, decision.decided_on) == ("K", datetime.date(2025, 10, 1))
    assert set(ClassGroup.objects.filter(school=school).values_list("name", flat=True)) == {
        "8A",
        "9C",
    }


def test_a_second_file_appends_a_new_assessment_and_keeps_the_first(school, tmp_path):
    run_import(school, [pupil_row(1, assessed_on=ASSESSED, ssg_cognition_learning="2")], tmp_path)
    run_import(
        school,
        [pupil_row(1, assessed_on="2026-01-15", ssg_cognition_learning="3", nc_year="9")],
        tmp_path,
    )
    pupil = Pupil.objects.get()
    assert pupil.nc_year == "9"
    assert list(pupil.assessments.values_list("assessed_on", "level")) == [
        (datetime.date(2025, 10, 1), 2),
        (datetime.date(2026, 1, 15), 3),
    ]


def test_a_blank_cell_leaves_the_field_as_it_was(school, tmp_path):
    run_import(school, [pupil_row(1, class_group="8A", left_on="2026-07-20")], tmp_path)
    run_import(school, [pupil_row(1, class_group="", joined_on="", left_on="")], tmp_path)
    pupil = Pupil.objects.get()
    assert pupil.class_group.name == "8A"
    assert pupil.joined_on == datetime.date(2023, 9, 4)
    assert pupil.left_on == datetime.date(2026, 7, 20)


def test_importing_the_same_file_twice_adds_nothing_the_second_time(school, tmp_path):
    rows = generated_register(60)
    run_import(school, rows, tmp_path)
    before = everything_count()
    run_import(school, rows, tmp_path)
    assert everything_count() == before


def test_a_changed_need_type_ends_the_old_one_and_keeps_it(school, tmp_path):
    run_import(school, [pupil_row(1, assessed_on=ASSESSED, sen_type_1="MLD")], tmp_path)
    run_import(school, [pupil_row(1, assessed_on="2026-01-15", sen_type_1="SPLD")], tmp_path)
    needs = list(SENNeed.objects.order_by("recorded_on").values_list("need_type", "ended_on"))
    assert needs == [("MLD", datetime.date(2026, 1, 15)), ("SPLD", None)]


def test_ceasing_an_ehc_plan_in_a_later_file(school, tmp_path):
    run_import(school, [pupil_row(1, ehcp_issued_on="2024-03-01")], tmp_path)
    run_import(school, [pupil_row(1, ehcp_ceased_on="2026-02-01")], tmp_path)
    plan = EHCPlan.objects.get()
    assert (plan.issued_on, plan.ceased_on) == (
        datetime.date(2024, 3, 1),
        datetime.date(2026, 2, 1),
    )


def test_a_file_with_bad_rows_writes_nothing_and_names_every_bad_row_and_column(
    school, tmp_path, capsys
):
    rows = [
        pupil_row(1, assessed_on=ASSESSED, ssg_cognition_learning="3"),  # good
        pupil_row(2, upn="A373400100002"),  # wrong check letter
        pupil_row(3, date_of_birth="31/02/2013"),  # no such date
        pupil_row(4, nc_year="15"),
        pupil_row(5, ssg_hearing="6", assessed_on=ASSESSED),
        pupil_row(6, ssg_vision="2"),  # a level with no assessed_on
        pupil_row(7, level2_criteria="medical;hunch", assessed_on=ASSESSED),
        pupil_row(8, sen_type_1="XYZ"),
        pupil_row(9, senco_decision="K", assessed_on=ASSESSED),  # no reason
        pupil_row(10, legal_surname=""),
        pupil_row(11, joined_on="2024-09-01", left_on="2024-01-01"),
        # the same UPN and day as row 2, saying something else
        pupil_row(1, legal_forename="Again", assessed_on=ASSESSED, ssg_cognition_learning="3"),
    ]
    errors = import_errors(school, rows, tmp_path, capsys)
    assert errors == [
        "row 3, column upn: 'A373400100002' is not a valid UPN: the check letter does not match "
        "the rest of the number",
        "row 4, column date_of_birth: '31/02/2013' is not a date (use YYYY-MM-DD or DD/MM/YYYY)",
        "row 5, column nc_year: '15' is not a NC year (for example Year 7, Y7, 7, Reception or N1)",
        "row 6, column ssg_hearing: '6' is not a level (1 to 5, or blank)",
        "row 7, column assessed_on: is required when grid levels, level-2 criteria or a SENCO "
        "decision are given",
        "row 8, column level2_criteria: 'hunch' is not a level-2 criterion (one of: medical, "
        "multiple_areas, gap_not_narrowing, long_term, transition)",
        "row 9, column sen_type_1: 'XYZ' is not a need type (one of: ASD, HI, MLD, MSI, NSA, OTH, "
        "PD, PMLD, SEMH, SLCN, SLD, SPLD, VI)",
        "row 10, column senco_decision_reason: is required with a SENCO decision",
        "row 11, column legal_surname: is required",
        "row 12, column left_on: 2024-01-01 is before joined_on 2024-09-01",
        f"row 13, column upn: {rows[0]['upn']} ({ASSESSED}) is also on row 2 with different values",
    ]
    assert everything_count() == (0, 0, 0, 0, 0, 0, 0)


def test_unknown_columns_are_rejected_by_name(school, tmp_path, capsys):
    header = [
        "upn",
        "legal_surname",
        "legal_forename",
        "date_of_birth",
        "nc_year",
        "shoe_size",
        "ssg_maths",
    ]
    errors = import_errors(school, [pupil_row(1)], tmp_path, capsys, header=header)
    assert len(errors) == 1
    assert errors[0].startswith("row 1, column shoe_size, ssg_maths: unknown columns (known: upn,")


def test_a_missing_required_column_is_named(school, tmp_path, capsys):
    header = ["upn", "legal_surname", "legal_forename", "nc_year"]
    errors = import_errors(school, [pupil_row(1)], tmp_path, capsys, header=header)
    assert errors == ["row 1, column date_of_birth: required column is missing"]


def test_column_names_are_case_insensitive_and_a_bom_is_accepted(school, tmp_path):
    header = ["UPN", "Legal_Surname", "LEGAL_FORENAME", "Date_Of_Birth", "NC_Year"]
    row = pupil_row(1)
    rows = [{name: row[name.lower()] for name in header}]
    run_import(school, rows, tmp_path, header=header, bom=True)
    assert Pupil.objects.get().upn == row["upn"]


def test_a_file_that_is_not_utf8_is_refused(school, tmp_path, capsys):
    raw = b"upn,legal_surname\n" + "Zoë".encode("latin-1")
    errors = import_errors(school, [], tmp_path, capsys, raw=raw)
    assert errors[0].startswith(
        "row 1, column -: the file is neither a CSV in UTF-8 nor an Excel workbook"
    )


def test_a_row_with_the_wrong_number_of_cells_is_named(school, tmp_path, capsys):
    good = csv_bytes([pupil_row(1)])
    errors = import_errors(school, [], tmp_path, capsys, raw=good + b"a,b\r\n")
    assert errors == ["row 3, column -: has 2 cells but the header has 25"]


def test_ceasing_a_plan_that_does_not_exist_is_an_error(school, tmp_path, capsys):
    errors = import_errors(school, [pupil_row(1, ehcp_ceased_on="2026-02-01")], tmp_path, capsys)
    assert errors == [
        "row 2, column ehcp_ceased_on: there is no EHC plan issued on or before 2026-02-01 to "
        "cease (give ehcp_issued_on)"
    ]


def test_an_assessment_in_the_future_is_refused(school, tmp_path, capsys):
    errors = import_errors(
        school, [pupil_row(1, assessed_on="2999-01-01", ssg_vision="2")], tmp_path, capsys
    )
    assert errors == ["row 2, column assessed_on: 2999-01-01 is in the future"]


def test_a_dry_run_reports_and_writes_nothing(school, tmp_path, capsys):
    run_import(school, generated_register(40), tmp_path, "--dry-run")
    out = capsys.readouterr().out
    assert "Dry run, nothing written" in out
    assert "pupils added: 40" in out
    assert everything_count() == (0, 0, 0, 0, 0, 0, 0)


def test_an_unknown_school_is_named(db, tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([pupil_row(1)]))
    with pytest.raises(CommandError, match="no school has URN '000000'"):
        call_command("import_register", "--school", "000000", str(path))


def test_pupils_of_another_school_with_the_same_upn_are_left_alone(school, other_school, tmp_path):
    run_import(other_school, [pupil_row(1, legal_surname="Elsewhere")], tmp_path)
    run_import(school, [pupil_row(1, legal_surname="Here")], tmp_path)
    assert Pupil.objects.get(school=other_school).legal_surname == "Elsewhere"
    assert Pupil.objects.get(school=school).legal_surname == "Here"


def test_a_whole_register_imports_in_a_fixed_number_of_queries(
    school, django_assert_max_num_queries
):
    """The import uses bulk writes: its query count does not grow with the pupils."""
    # 300 pupils -> at most ~43 statements (bulk batches of 500-2000 rows, the standings'
    # periods in one, the school's revision in three), not thousands.
    with django_assert_max_num_queries(43):
        summary = RegisterImport(school, csv_bytes(generated_register(300))).run()
    assert summary.pupils_added == 300


def test_the_error_type_carries_every_message(school):
    with pytest.raises(RegisterFileError) as failure:
        RegisterImport(school, csv_bytes([pupil_row(1, nc_year=""), pupil_row(2, upn="")])).run()
    assert failure.value.errors == [
        "row 2, column nc_year: is required",
        "row 3, column upn: is required",
    ]


def test_re_importing_a_register_does_not_query_per_pupil(school, django_assert_max_num_queries):
    data = csv_bytes(generated_register(300))
    RegisterImport(school, data).run()
    # Reads of what is held (grid, pupils, plans, classes, assessments, criteria, decisions,
    # needs), the mark that an import is under way (clear a stale one, set, remove: 4 with
    # its savepoint) and nothing else written: no query per pupil.
    with django_assert_max_num_queries(14):
        summary = RegisterImport(school, data).run()
    assert (summary.pupils_added, summary.pupils_updated, summary.assessments_added) == (0, 0, 0)


def test_a_pupil_who_moves_class_is_updated(school, tmp_path):
    first, second = pupil_row(1, class_group="8A"), pupil_row(2, class_group="8A")
    run_import(school, [first, second], tmp_path)
    run_import(school, [pupil_row(1, class_group="8C")], tmp_path)
    moved, stayed = (Pupil.objects.get(upn=row["upn"]) for row in (first, second))
    assert (moved.class_group.name, stayed.class_group.name) == ("8C", "8A")


def test_the_import_page_checks_then_imports(client_for, senco, school):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client = client_for(senco)
    url = reverse("register_import", args=[school.urn])

    def upload(rows, dry_run):
        data = {"file": SimpleUploadedFile("r.csv", csv_bytes(rows), "text/csv")}
        return client.post(url, data | ({"dry_run": "on"} if dry_run else {}))

    checked = upload([pupil_row(1), pupil_row(2)], dry_run=True)
    assert "r.csv is good; nothing has been written yet" in checked.content.decode()
    assert not Pupil.objects.exists()
    done = upload([pupil_row(1), pupil_row(2)], dry_run=False)
    assert "pupils added: 2" in done.content.decode()
    assert Pupil.objects.count() == 2
    assert Pupil.history.filter(history_user=senco).count() == 2
    bad = upload([pupil_row(3, nc_year="15")], dry_run=False)
    assert "row 2, column nc_year: &#x27;15&#x27; is not a NC year" in bad.content.decode()
    assert Pupil.objects.count() == 2


def test_a_nul_character_in_a_cell_is_named_and_nothing_is_written(school, tmp_path, capsys):
    # Found by the Hypothesis test on PostgreSQL, which cannot store NUL in text.
    errors = import_errors(
        school, [pupil_row(1, legal_surname="Smi\x00th", class_group="8\x00A")], tmp_path, capsys
    )
    assert errors == [
        "row 2, column legal_surname: contains a NUL character (the file may be damaged)",
        "row 2, column class_group: contains a NUL character (the file may be damaged)",
    ]
    assert everything_count() == (0, 0, 0, 0, 0, 0, 0)
