"""Comparing the codes held in the school's MIS with the derived ones. Reads an uploaded CSV
of `upn,sen_provision`; writes nothing anywhere."""

import csv
import io
from dataclasses import dataclass

from pupils.upn import normalise_upn, upn_problem


class MISFileError(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def read_mis_codes(raw_bytes):
    """UPN -> code from an MIS export; raises MISFileError naming every bad row and column."""
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MISFileError(["row 1, column -: the file is not UTF-8"]) from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise MISFileError(["row 1, column -: the file is empty"])
    header = [cell.strip().lower() for cell in rows[0]]
    if sorted(header) != ["sen_provision", "upn"]:
        raise MISFileError(
            [f"row 1, column -: the header must be upn,sen_provision (found {','.join(header)})"]
        )
    upn_at, code_at = header.index("upn"), header.index("sen_provision")
    codes, errors = {}, []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != 2:
            errors.append(f"row {number}, column -: has {len(cells)} cells, expected 2")
            continue
        upn = normalise_upn(cells[upn_at])
        code = cells[code_at].strip().upper()
        problem = upn_problem(upn)
        if problem:
            errors.append(
                f"row {number}, column upn: {cells[upn_at]!r} is not a valid UPN: {problem}"
            )
        elif upn in codes:
            errors.append(f"row {number}, column upn: {upn} appears twice")
        if code not in {"N", "K", "E"}:
            errors.append(
                f"row {number}, column sen_provision: {cells[code_at]!r} is not N, K or E"
            )
        if not problem:
            codes[upn] = code
    if errors:
        raise MISFileError(errors)
    return codes


@dataclass(frozen=True)
class Mismatch:
    upn: str
    row: object  # the census row, or None when the MIS has a pupil we do not have on roll
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
