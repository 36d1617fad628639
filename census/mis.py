"""Comparing what the school's MIS holds with the register: provision codes, and need types
with their ranks when the file has them. Reads an uploaded CSV of `upn,sen_provision` with
`sen_type_1,sen_type_2` optional; writes nothing anywhere. Only real differences count: a
pupil with no SEN provision (N) missing from one side is none."""

import csv
import io
from dataclasses import dataclass
from typing import Any

from pupils.models import NeedType
from pupils.register_file import MAX_ROWS, Problems, listed_with_more
from pupils.upn import normalise_upn, upn_problem

REQUIRED = {"upn", "sen_provision"}
TYPES = {"sen_type_1", "sen_type_2"}
NEED_CODES = {n.value for n in NeedType}


@dataclass(frozen=True)
class MISPupil:
    code: str
    types: tuple[str, ...] | None  # (rank 1, rank 2); None when the file has no need types


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
    if (
        not set(header) >= REQUIRED
        or not set(header) <= REQUIRED | TYPES
        or len(set(header)) != len(header)
    ):
        raise MISFileError(
            [
                "row 1, column -: the header must be upn,sen_provision, with sen_type_1 and "
                f"sen_type_2 if the file has need types (found {','.join(header)})"
            ]
        )
    codes: dict[str, MISPupil] = {}
    problems = Problems()
    number = 1
    try:
        for number, cells in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                problems.lead(f"row {number}, column -: the file has more than {MAX_ROWS:,} rows")
                break
            _read_row(number, cells, header, codes, problems)
    except csv.Error as error:
        problems.append(f"row {number + 1}, column -: {error}")
    if problems:
        raise MISFileError(listed_with_more(problems.listed, problems.total))
    return codes


def _read_row(number, cells, header, codes, problems):
    if not any(cell.strip() for cell in cells):
        return
    if len(cells) != len(header):
        problems.append(f"row {number}, column -: has {len(cells)} cells, expected {len(header)}")
        return
    values = dict(zip(header, cells, strict=True))
    upn = normalise_upn(values["upn"])
    code = values["sen_provision"].strip().upper()
    problem = upn_problem(upn)
    if problem:
        problems.append(
            f"row {number}, column upn: {values['upn']!r} is not a valid UPN: {problem}"
        )
    elif upn in codes:
        problems.append(f"row {number}, column upn: {upn} appears twice")
    if code not in {"N", "K", "E"}:
        problems.append(
            f"row {number}, column sen_provision: {values['sen_provision']!r} is not N, K or E"
        )
    types = None
    if TYPES & set(header):
        types = tuple(values.get(name, "").strip().upper() for name in ("sen_type_1", "sen_type_2"))
        for name, value in zip(("sen_type_1", "sen_type_2"), types, strict=True):
            if value and value not in NEED_CODES:
                problems.append(
                    f"row {number}, column {name}: {value!r} is not one of the DfE's need types"
                )
    if not problem:
        codes[upn] = MISPupil(code, types)


@dataclass(frozen=True)
class Mismatch:
    upn: str
    row: Any  # the census row, or None when the MIS has a pupil we do not have on roll
    mis: MISPupil | None  # None when the MIS does not have the pupil
    what: str  # what differs, in words

    @property
    def mis_code(self):
        return self.mis.code if self.mis else ""

    @property
    def derived_code(self):
        return self.row.code if self.row else ""

    @property
    def mis_types(self):
        return "/".join(t for t in self.mis.types if t) if self.mis and self.mis.types else ""

    @property
    def derived_types(self):
        return (
            "/".join(t for t in (self.row.sen_type_1, self.row.sen_type_2) if t) if self.row else ""
        )


def compare_with_mis(standings, mis_pupils):
    """Every real difference between the register on the day and the MIS file: a code that
    differs, need types or ranks that differ (when the file has them), or a pupil with SEN
    provision on one side only."""
    by_upn = {row.pupil.upn: row for row in standings}
    mismatches = []
    for upn in sorted(by_upn.keys() | mis_pupils.keys()):
        row, mis = by_upn.get(upn), mis_pupils.get(upn)
        if mis is None:
            if row is not None and row.code != "N":
                mismatches.append(Mismatch(upn, row, None, "not in the MIS file"))
        elif row is None:
            if mis.code != "N":
                mismatches.append(Mismatch(upn, None, mis, "not on the register's roll"))
        elif row.code != mis.code:
            mismatches.append(Mismatch(upn, row, mis, "provision code"))
        elif mis.types is not None and (row.sen_type_1, row.sen_type_2) != mis.types:
            mismatches.append(Mismatch(upn, row, mis, "need types or their ranks"))
    return mismatches
