"""The one CSV writer: every CSV the register hands out, in the browser or from a command,
is written here.

A spreadsheet program treats a cell that begins with = + - @ (or a tab or carriage return
before one) as a formula and runs it when the file is opened: a surname typed as
`=HYPERLINK(...)` would act on the head's machine. Such a cell is written with a leading
apostrophe, which spreadsheet programs show as plain text. Numbers stay numbers: numeric
values, and text that is only a signed number such as "-3" or "+1.5", are written as they are.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SIGNED_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?\Z")


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet will read it as text, never as a formula."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not SIGNED_NUMBER.match(value)
    ):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


class _EchoLine:
    """A file-like object whose write() hands back the text, for streaming a CSV line by line."""

    def write(self, text: str) -> str:
        return text


def csv_lines(header: list[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The CSV's lines, one at a time, for a streamed download."""
    writer = csv.writer(_EchoLine(), lineterminator="\n")
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(safe_row(row))


def csv_write(out: TextIO, header: list[str], rows: Iterable[Iterable[Any]]) -> int:
    """Write the CSV to an open text stream; the number of rows written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(safe_row(row))
        count += 1
    return count
