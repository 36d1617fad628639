"""Reading a file a school sends us: a CSV (UTF-8, a BOM accepted) or an Excel workbook
(.xlsx, its first sheet). Either way the caller gets the same thing: the headings as written
and the rows, each numbered as the spreadsheet numbers it, as lists of text. Rows are read as
they are asked for, so a large file is never held as a list.

Excel stores dates as dates and numbers as numbers; they come back as the text a person
would have typed in a CSV: a date as 2025-09-01, the number 7 as "7" (not "7.0"), so the
callers check one kind of input.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator

XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx is a zip archive
MAX_XLSX_BYTES = 50 * 1024 * 1024  # unpacked: a workbook that unpacks past this is refused

# A row, or the reason it could not be read (a CSV's broken quoting ends the file there).
Cells = list[str] | csv.Error
Rows = Iterator[tuple[int, Cells]]


class SpreadsheetError(Exception):
    """The file cannot be read at all; the message says why, in words for the person who
    chose it."""


def is_workbook(raw_bytes: bytes) -> bool:
    return raw_bytes.startswith(XLSX_MAGIC)


def read_table(raw_bytes: bytes) -> tuple[list[str], Rows]:
    """The headings (row 1, trimmed) and an iterator of (row number, cells) for the rows
    below. Raises SpreadsheetError when the file is neither a CSV in UTF-8 nor a workbook, or
    has no header row."""
    headings, rows = _workbook(raw_bytes) if is_workbook(raw_bytes) else _csv(raw_bytes)
    headings = [heading.strip() for heading in headings]
    if not any(headings):
        raise SpreadsheetError("the file is empty (a header row is required)")
    return headings, rows


def _csv(raw_bytes: bytes) -> tuple[list[str], Rows]:
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            f"the file is neither a CSV in UTF-8 nor an Excel workbook (.xlsx) "
            f"(bad byte at position {error.start}); save it as 'CSV UTF-8' or as .xlsx"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise SpreadsheetError(str(error)) from None
    return header, _csv_rows(reader)


def _csv_rows(reader) -> Rows:
    number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield reader.line_num, error
            return
        number += 1
        yield number, cells


def _workbook(raw_bytes: bytes) -> tuple[list[str], Rows]:
    # Imported here: only a workbook needs it, and it is slow to import.
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(raw_bytes)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_XLSX_BYTES:
            raise SpreadsheetError(
                f"the workbook unpacks to more than {MAX_XLSX_BYTES // (1024 * 1024)} MB; "
                "save the sheet as CSV instead"
            )
        book = load_workbook(io.BytesIO(raw_bytes), read_only=True, data_only=True)
    except SpreadsheetError:
        raise
    except Exception:  # openpyxl raises many kinds for a zip that is not a workbook
        raise SpreadsheetError(
            "the file is a zip archive but not an Excel workbook (.xlsx) that can be read; "
            "save it from Excel as .xlsx or as CSV"
        ) from None
    rows = book.worksheets[0].iter_rows(values_only=True) if book.worksheets else iter(())
    header = [_text(value) for value in next(rows, ())]
    while header and not header[-1].strip():
        header.pop()  # a sheet's used range often runs past its last heading
    return header, _workbook_rows(rows, len(header))


def _workbook_rows(rows, width: int) -> Rows:
    """Each row cut or padded to the header's width: cells past it count only if they hold
    something (then the row has more cells than headings, which the caller reports)."""
    for number, values in enumerate(rows, start=2):
        cells = [_text(value) for value in values]
        while len(cells) > width and not cells[-1].strip():
            cells.pop()
        yield number, cells + [""] * (width - len(cells))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        # Excel keeps a date as a date-time at midnight.
        return value.date().isoformat() if value.time() == datetime.time() else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
