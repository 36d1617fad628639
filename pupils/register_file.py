"""Reading a register file (docs/formats.md), CSV or .xlsx: its header, its rows and
every problem in them, named as `row N, column C: message` (the header is row 1, so row
numbers match what a spreadsheet shows). Nothing here touches the database; pupils.
register_import applies a file that reads cleanly.
"""

import csv
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from sen_register.core.spreadsheet_in import SpreadsheetError, read_table

from .models import LevelTwoCriterionKind, NCYear, NeedType
from .register_headings import column_name
from .upn import normalise_upn, upn_problem

REQUIRED_COLUMNS = ["upn", "legal_surname", "legal_forename", "date_of_birth", "nc_year"]
OPTIONAL_COLUMNS = [
    "class_group",
    "joined_on",
    "left_on",
    "assessed_on",
    "level2_criteria",
    "ehcp_issued_on",
    "ehcp_ceased_on",
    "sen_type_1",
    "sen_type_2",
    "senco_decision",
    "senco_decision_reason",
]
NAME_MAX_LENGTH = 100
CLASS_MAX_LENGTH = 20
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


MAX_LISTED = 100  # problems listed; the rest are counted
# Rows read at most. The largest schools have a few thousand pupils, each with a few dated
# rows; a file with more is the wrong file, and is refused before it costs minutes.
MAX_ROWS = 50_000


def listed_with_more(listed, total):
    """The messages to show: the first MAX_LISTED, then how many more there are."""
    shown = list(listed[:MAX_LISTED])
    if total > len(shown):
        more = total - len(shown)
        shown.append(f"and {more:,} more problem{'s' if more != 1 else ''}")
    return shown


class RegisterFileError(Exception):
    """The file cannot be imported; `errors` lists the reasons, at most MAX_LISTED of them and
    then how many more there are."""

    def __init__(self, errors, total=None):
        total = len(errors) if total is None else total
        super().__init__(f"{total} error(s); nothing was written")
        self.total = total
        self.errors = listed_with_more(errors, total)


class Problems:
    """Every problem found in a file, counted; the first MAX_LISTED kept to be listed, so a
    file of junk costs no more memory than a good one."""

    def __init__(self):
        self.listed, self.total = [], 0

    def append(self, message):
        self.total += 1
        if len(self.listed) < MAX_LISTED:
            self.listed.append(message)

    def lead(self, message):
        """A problem that says more than any other (the wrong file): listed first."""
        self.total += 1
        self.listed.insert(0, message)
        del self.listed[MAX_LISTED:]

    def __bool__(self):
        return self.total > 0

    def __iadd__(self, messages):
        for message in messages:
            self.append(message)
        return self

    def refuse(self):
        if self.total:
            raise RegisterFileError(self.listed, self.total)


@dataclass
class RegisterRow:
    row: int
    upn: str
    pupil_fields: dict[str, object] = field(default_factory=dict)
    class_group: str = ""
    assessed_on: date | None = None
    levels: dict[str, int] = field(default_factory=dict)  # strand slug -> level
    criteria: list[str] = field(default_factory=list)
    ehcp_issued_on: date | None = None
    ehcp_ceased_on: date | None = None
    sen_types: dict[int, str] = field(default_factory=dict)  # rank -> need type code
    decision: tuple[str, str] | None = None  # (code, reason)

    def content(self):
        """What the row says, whichever row it is."""
        return {name: value for name, value in vars(self).items() if name != "row"}

    def applies_before(self):
        """Rows of one pupil are applied in date order (rows with no date first)."""
        return (self.assessed_on or date.min, self.row)


def parse_date(text):
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


class _RowReader:
    """Reads one CSV row's cells, recording an error for each bad one."""

    def __init__(self, row_number, cells, errors, today):
        self.row = row_number
        self.cells = cells
        self.errors = errors
        self.today = today

    def error(self, column, message):
        self.errors.append(f"row {self.row}, column {column}: {message}")

    def text(self, column, max_length=NAME_MAX_LENGTH):
        """The cell's text; "" when it holds a problem already reported."""
        return self._text(column, max_length) or ""

    def _text(self, column, max_length):
        value = self.cells.get(column, "").strip()
        if "\x00" in value:
            # PostgreSQL cannot store it, and no name or reason has one: a damaged file.
            self.error(column, "contains a NUL character (the file may be damaged)")
            return None
        if len(value) > max_length:
            self.error(column, f"is longer than {max_length} characters")
            return None
        return value

    def required(self, column):
        value = self._text(column, NAME_MAX_LENGTH)
        if value == "":
            self.error(column, "is required")
        return value or ""

    def date(self, column, *, required=False, not_future=True):
        value = self.cells.get(column, "").strip()
        if not value:
            if required:
                self.error(column, "is required")
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(column, f"{value!r} is not a date (use YYYY-MM-DD or DD/MM/YYYY)")
            return None
        if not_future and parsed > self.today:
            self.error(column, f"{value} is in the future")
            return None
        return parsed

    def choice(self, column, allowed, what):
        value = self.cells.get(column, "").strip()
        if value and value.upper() not in {a.upper() for a in allowed}:
            self.error(column, f"{value!r} is not a {what} (one of: {', '.join(allowed)})")
            return ""
        for option in allowed:
            if value.upper() == option.upper():
                return option
        return ""


def _nc_year(reader):
    text = reader.cells.get("nc_year", "").strip()
    year = NCYear.from_text(text)
    if not text:
        reader.error("nc_year", "is required")
    elif year is None:
        reader.error(
            "nc_year", f"{text!r} is not a NC year (for example Year 7, Y7, 7, Reception or N1)"
        )
    return year.value if year else ""


def read_file(raw_bytes):
    """The header of a register file (CSV or .xlsx) as the register's column names, an
    iterator of its rows as (row number, cells), and the headings as written; raises
    RegisterFileError."""
    try:
        headings, rows = read_table(raw_bytes)
    except SpreadsheetError as error:
        raise RegisterFileError([f"row 1, column -: {error}"]) from None
    return [column_name(heading) for heading in headings], rows, headings


def all_columns(strand_slugs):
    """Every column a register file may have, in the template's order (the grid after the
    date of its assessment)."""
    grid = [f"ssg_{slug}" for slug in strand_slugs]
    return REQUIRED_COLUMNS + OPTIONAL_COLUMNS[:4] + grid + OPTIONAL_COLUMNS[4:]


def check_header(header, strand_slugs):
    known = all_columns(strand_slugs)
    errors = []
    seen = set()
    for name in header:
        if name in seen:
            errors.append(f"row 1, column {name}: appears more than once")
        seen.add(name)
    unknown = [name for name in header if name not in known]
    if unknown:
        errors.append(
            f"row 1, column {', '.join(unknown) or '(blank)'}: unknown column"
            f"{'s' if len(unknown) > 1 else ''} (known: {', '.join(known)})"
        )
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            errors.append(f"row 1, column {name}: required column is missing")
    return errors


CRITERION_SLUGS = [c.value for c in LevelTwoCriterionKind]
NEED_CODES = [n.value for n in NeedType]


def parse_rows(header, rows, strands, today, problems):
    """Each data row as a RegisterRow, every problem in them added to `problems`. Once a
    problem is found the file will be refused, so rows are no longer kept: only checked.
    `strands`: the school's grid, slug -> Strand read with its framework (whose levels a
    cell may hold)."""
    parsed = []
    seen = {}  # (UPN, assessed_on) -> (row number, fingerprint of what it says)
    for number, cells in rows:
        if number - 1 > MAX_ROWS:
            problems.lead(
                f"row {number}, column -: the file has more than {MAX_ROWS:,} rows, more than "
                "any school's register; check that it is the right file"
            )
            break
        if isinstance(cells, csv.Error):
            problems.append(f"row {number}, column -: {cells}")
            continue
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets leave blank lines at the end
        if len(cells) != len(header):
            problems.append(
                f"row {number}, column -: has {len(cells)} cells but the header has {len(header)}"
            )
            continue
        reader = _RowReader(number, dict(zip(header, cells, strict=True)), problems, today)
        row = _parse_row(reader, strands)
        if _first_of_its_day(row, seen, problems) and not problems:
            parsed.append(row)
    return parsed


def _first_of_its_day(row, seen, problems):
    """A pupil may have several rows, one per assessment date. False for a row repeating
    another of the same pupil and date (it adds nothing); two that disagree are a problem
    naming both rows."""
    fingerprint = hashlib.blake2b(repr(sorted(row.content().items())).encode()).digest()
    first, said = seen.setdefault((row.upn, row.assessed_on), (row.row, fingerprint))
    if first == row.row:
        return True
    if said != fingerprint:
        day = row.assessed_on.isoformat() if row.assessed_on else "no assessed_on"
        problems.append(
            f"row {row.row}, column upn: {row.upn} ({day}) is also on row {first} "
            "with different values"
        )
    return False


def _parse_row(reader, strands):
    upn_text = reader.required("upn")
    upn = normalise_upn(upn_text)
    if upn_text:
        problem = upn_problem(upn)
        if problem:
            reader.error("upn", f"{upn_text!r} is not a valid UPN: {problem}")
    row = RegisterRow(row=reader.row, upn=upn)
    _read_pupil(reader, row)
    _read_grid(reader, row, strands)
    _read_plan_and_needs(reader, row)
    _read_decision(reader, row)
    assessed_on_blank = not reader.cells.get("assessed_on", "").strip()
    if (row.levels or row.criteria or row.decision) and assessed_on_blank:
        reader.error(
            "assessed_on",
            "is required when grid levels, level-2 criteria or a SENCO decision are given",
        )
    return row


def _read_pupil(reader, row):
    row.pupil_fields["legal_surname"] = reader.required("legal_surname")
    row.pupil_fields["legal_forename"] = reader.required("legal_forename")
    row.pupil_fields["date_of_birth"] = reader.date("date_of_birth", required=True)
    row.pupil_fields["nc_year"] = _nc_year(reader)
    row.class_group = reader.text("class_group", CLASS_MAX_LENGTH)
    for column in ("joined_on", "left_on"):
        value = reader.date(column, not_future=False)
        if value:
            row.pupil_fields[column] = value
    joined, left = row.pupil_fields.get("joined_on"), row.pupil_fields.get("left_on")
    if joined and left and left < joined:
        reader.error("left_on", f"{left} is before joined_on {joined}")


@cache
def _level_cells(top):
    """What a cell may hold on a grid of levels 1 to `top`, written exactly ("01" is not 1):
    made once, not for every cell of every row."""
    return frozenset(str(level) for level in range(1, top + 1))


def _read_grid(reader, row, strands):
    row.assessed_on = reader.date("assessed_on")
    for slug, strand in strands.items():
        column, top = f"ssg_{slug}", strand.framework.top_level
        value = reader.cells.get(column, "").strip()
        if value in _level_cells(top):
            row.levels[slug] = int(value)
        elif value:
            reader.error(column, f"{value!r} is not a level (1 to {top}, or blank)")
    for slug in reader.cells.get("level2_criteria", "").split(";"):
        slug = slug.strip().lower()
        if slug and slug not in CRITERION_SLUGS:
            reader.error(
                "level2_criteria",
                f"{slug!r} is not a level-2 criterion (one of: {', '.join(CRITERION_SLUGS)})",
            )
        elif slug and slug not in row.criteria:
            row.criteria.append(slug)


def _read_plan_and_needs(reader, row):
    row.ehcp_issued_on = reader.date("ehcp_issued_on")
    row.ehcp_ceased_on = reader.date("ehcp_ceased_on")
    if row.ehcp_issued_on and row.ehcp_ceased_on and row.ehcp_ceased_on < row.ehcp_issued_on:
        reader.error(
            "ehcp_ceased_on",
            f"{row.ehcp_ceased_on} is before ehcp_issued_on {row.ehcp_issued_on}",
        )
    for rank in (1, 2):
        code = reader.choice(f"sen_type_{rank}", NEED_CODES, "need type")
        if code:
            row.sen_types[rank] = code
    if 2 in row.sen_types and 1 not in row.sen_types:
        reader.error("sen_type_1", "is required when sen_type_2 is given (ranks 1 then 2)")
    if row.sen_types.get(1) and row.sen_types.get(1) == row.sen_types.get(2):
        reader.error("sen_type_2", "cannot repeat sen_type_1")


def _read_decision(reader, row):
    decision = reader.choice("senco_decision", ["K", "N"], "SENCO decision")
    reason = reader.text("senco_decision_reason", 2000)
    if decision and not reason:
        reader.error("senco_decision_reason", "is required with a SENCO decision")
    if reason and not decision and not reader.cells.get("senco_decision", "").strip():
        reader.error("senco_decision", "is required when a reason is given")
    if decision and reason:
        row.decision = (decision, reason)


def in_date_order(rows):
    """The rows in the order they are applied: each pupil's in date order."""
    return sorted(rows, key=RegisterRow.applies_before)
