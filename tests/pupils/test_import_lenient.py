"""A register file as spreadsheets and MIS exports write it: headings in any case, with spaces,
or by the MIS's own names; NC years as "Year 7", "Y7" or "7". What was read as what is said."""

import pytest

from pupils.models import NCYear, Pupil
from pupils.register_headings import column_name
from pupils.register_import import RegisterImport
from tests.register_files import csv_bytes, pupil_row


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Year 7", "7"),
        ("year 7", "7"),
        ("Y7", "7"),
        ("Yr 7", "7"),
        ("07", "7"),
        ("7", "7"),
        ("Year 10", "10"),
        ("NC Year 11", "11"),
        ("Reception", "R"),
        ("Rec", "R"),
        ("r", "R"),
        ("Nursery 1", "N1"),
        ("N2", "N2"),
    ],
)
def test_an_nc_year_is_read_however_a_spreadsheet_writes_it(written, meant):
    assert NCYear.from_text(written) == meant


@pytest.mark.parametrize("written", ["15", "Year 0", "Y", "seven", "", "7B"])
def test_what_is_no_nc_year_is_refused(written):
    assert NCYear.from_text(written) is None


@pytest.mark.parametrize(
    ("heading", "column"),
    [
        ("UPN", "upn"),
        ("Legal Surname", "legal_surname"),
        ("legal-forename", "legal_forename"),
        ("Surname", "legal_surname"),
        ("Forename", "legal_forename"),
        ("DOB", "date_of_birth"),
        ("Date of Birth", "date_of_birth"),
        ("Year", "nc_year"),
        ("NC Year Actual", "nc_year"),
        ("Reg Group", "class_group"),
        ("Form", "class_group"),
        ("SSG Hearing", "ssg_hearing"),
    ],
)
def test_headings_are_matched_leniently(heading, column):
    assert column_name(heading) == column


def test_an_mis_style_file_imports_and_says_how_its_columns_were_read(school):
    rows = [pupil_row(1, nc_year="Year 7"), pupil_row(2, nc_year="Y8")]
    header = ["UPN", "Surname", "Forename", "DOB", "Year"]
    renamed = [
        dict(
            zip(
                header,
                (
                    r["upn"],
                    r["legal_surname"],
                    r["legal_forename"],
                    r["date_of_birth"],
                    r["nc_year"],
                ),
                strict=True,
            )
        )
        for r in rows
    ]
    summary = RegisterImport(school, csv_bytes(renamed, header)).run()
    assert sorted(Pupil.objects.values_list("nc_year", flat=True)) == ["7", "8"]
    assert summary.columns_read == [
        ("Surname", "legal_surname"),
        ("Forename", "legal_forename"),
        ("DOB", "date_of_birth"),
        ("Year", "nc_year"),
    ]


def test_the_command_says_how_it_read_the_headings(school, tmp_path, capsys):
    from django.core.management import call_command

    row = pupil_row(1)
    header = ["UPN", "Legal Surname", "legal_forename", "date_of_birth", "Year Group"]
    values = [row["upn"], row["legal_surname"], row["legal_forename"], row["date_of_birth"], "Y9"]
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([dict(zip(header, values, strict=True))], header))
    call_command("import_register", "--school", school.urn, str(path))
    out = capsys.readouterr().out
    assert "column 'Legal Surname' read as legal_surname" in out
    assert "column 'Year Group' read as nc_year" in out
    assert "'UPN'" not in out  # only a difference of case
    assert Pupil.objects.get().nc_year == "9"


def test_the_template_has_every_column_and_no_pupils_and_imports_as_it_is_filled(
    client_for, senco, school
):
    from django.urls import reverse

    from pupils.models import Strand

    response = client_for(senco).get(reverse("register_import_template", args=[school.urn]))
    assert response["Content-Disposition"] == 'attachment; filename="register-template.csv"'
    lines = response.content.decode().splitlines()
    assert len(lines) == 1
    header = lines[0].split(",")
    assert header[:5] == ["upn", "legal_surname", "legal_forename", "date_of_birth", "nc_year"]
    assert {f"ssg_{s.slug}" for s in Strand.objects.all()} <= set(header)
    row = pupil_row(1, assessed_on="2025-10-01", ssg_hearing="3")
    filled = csv_bytes([{name: row.get(name, "") for name in header}], header)
    RegisterImport(school, filled).run()
    assert Pupil.objects.get().assessments.get().level == 3
