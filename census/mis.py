"""Comparing the codes held in the school's MIS with the derived ones. Reads an uploaded CSV
of `upn,sen_provision`; writes nothing anywhere."""

import csv
import io
from dataclasses import dataclass
from typing import Any

from pupils.register_file import MAX_ROWS, Problems, listed_with_more
from pupils.upn import normalise_upn, upn_problem


class MISFileError(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def read_mis_codes(raw_bytes):
    """UPN -> code from an MIS export; raises MISFileError naming the bad rows and columns
    (the first MAX_LISTED of them, then how many more). Rows are read one at a time and at
    most MAX_ROWS of them, so a file of junk costs no more than a good one."""
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MISFileError(["row 1, column -: the file is not UTF-8"]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
    except csv.Error as error:
        raise MISFileError([f"row 1, column -: {error}"]) from None
    if not header:
        raise MISFileError(["row 1, column -: the file is empty"])
    if sorted(header) != ["sen_provision", "upn"]:
        raise MISFileError(
            [f"row 1, column -: the header must be upn,sen_provision (found {','.join(header)})"]
        )
    upn_at, code_at = header.index("upn"), header.index("sen_provision")
    codes: dict[str, str] = {}
    problems = Problems()
    number = 1
    try:
        for number, cells in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                problems.lead(f"row {number}, column -: the file has more than {MAX_ROWS:,} rows")
                break
            _read_row(number, cells, upn_at, code_at, codes, problems)
    except csv.Error as error:
        problems.append(f"row {number + 1}, column -: {error}")
    if problems:
        raise MISFileError(listed_with_more(problems.listed, problems.total))
    return codes


def _read_row(number, cells, upn_at, code_at, codes, problems):
    if not any(cell.strip() for cell in cells):
        return
    if len(cells) != 2:
        problems.append(f"row {number}, column -: has {len(cells)} cells, expected 2")
        return
    upn = normalise_upn(cells[upn_at])
    code = cells[code_at].strip().upper()
    problem = upn_problem(upn)
    if problem:
        problems.append(
            f"row {number}, column upn: {cells[upn_at]!r} is not a valid UPN: {problem}"
        )
    elif upn in codes:
        problems.append(f"row {number}, column upn: {upn} appears twice")
    if code not in {"N", "K", "E"}:
        problems.append(f"row {number}, column sen_provision: {cells[code_at]!r} is not N, K or E")
    if not problem:
        codes[upn] = code


@dataclass(frozen=True)
class Mismatch:
    upn: str
    row: Any  # the census row, or None when the MIS has a pupil we do not have on roll
    mis_code: str  # "" when the MIS does not have the pupil

    @property
    def derived_code(self):
        return self.row.code if self.row else ""


def compare_with_mis(standings, mis_codes):
    """Every pupil whose MIS code differs from the derived one, or who is on one list only."""
    by_upn = {row.pupil.upn: row for row in standings}
    mismatches = []
    for upn in sorted(by_upn.keys() | mis_codes.keys()):
        row, mis_code = by_upn.get(upn), mis_codes.get(upn, "")
        if row is None or row.code != mis_code:
            mismatches.append(Mismatch(upn, row, mis_code))
    return mismatches
