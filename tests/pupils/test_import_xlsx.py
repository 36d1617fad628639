"""A register as an Excel workbook (.xlsx) imports as its CSV does: dates stored as dates,
years stored as numbers, and the same all-or-nothing messages."""

import io

from openpyxl import Workbook

from pupils.models import NeedAssessment, Pupil
from pupils.register_file import RegisterFileError
from pupils.register_import import RegisterImport
from tests.register_files import csv_bytes, pupil_row, xlsx_bytes


def refusal(school, raw):
    try:
        RegisterImport(school, raw).run()
    except RegisterFileError as error:
        return error.errors
    raise AssertionError("the file was imported")


def test_a_workbook_imports_as_its_csv_does(school):
    rows = [
        pupil_row(1, nc_year="7", assessed_on="2025-10-01", ssg_hearing="3"),
        pupil_row(2, nc_year="Year 8"),
    ]
    RegisterImport(school, xlsx_bytes(rows)).run()
    from_workbook = sorted(Pupil.objects.values_list("upn", "nc_year", "date_of_birth"))
    level = NeedAssessment.objects.get()
    assert (level.level, level.assessed_on.isoformat()) == (3, "2025-10-01")
    Pupil.objects.all().delete()
    RegisterImport(school, csv_bytes(rows)).run()
    assert sorted(Pupil.objects.values_list("upn", "nc_year", "date_of_birth")) == (from_workbook)


def test_a_workbooks_blank_cells_past_the_last_heading_are_ignored(school):
    book = Workbook()
    sheet = book.active
    row = pupil_row(1)
    header = ["upn", "legal_surname", "legal_forename", "date_of_birth", "nc_year"]
    sheet.append(header)
    sheet.append([row[name] for name in header])
    sheet.cell(row=2, column=9).value = None
    sheet.cell(row=1, column=9).value = ""  # a formatted but empty cell widens the sheet
    out = io.BytesIO()
    book.save(out)
    RegisterImport(school, out.getvalue()).run()
    assert Pupil.objects.count() == 1


def test_a_workbook_with_a_bad_value_is_refused_whole_naming_the_cell(school):
    rows = [pupil_row(1), pupil_row(2, nc_year="Year 20")]
    errors = refusal(school, xlsx_bytes(rows))
    assert any(e.startswith("row 3, column nc_year: 'Year 20' is not a NC year") for e in errors)
    assert not Pupil.objects.exists()


def test_a_zip_that_is_not_a_workbook_is_refused_with_words_saying_so(school):
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    errors = refusal(school, buffer.getvalue())
    assert errors == [
        "row 1, column -: the file is a zip archive but not an Excel workbook (.xlsx) that can "
        "be read; save it from Excel as .xlsx or as CSV"
    ]
