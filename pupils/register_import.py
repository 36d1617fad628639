"""Register import (DESIGN.md section 10): a CSV of pupils as assessed on a date.

The whole file is read and checked before anything is written. Any error means nothing is
written, and every error is reported as `row N, column C: message` (the header is row 1, so
row numbers match what a spreadsheet shows). A row for a UPN already on the register updates
that pupil and appends a new dated assessment: history is never overwritten, and a blank cell
leaves its field as it was. Importing the same file twice adds nothing the second time.
"""

import csv
import hashlib
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from sen_register.bulk_history import bulk_create_with_history_copied

from .changes import batched
from .models import (
    ClassGroup,
    EHCPlan,
    LevelTwoCriterion,
    LevelTwoCriterionKind,
    NCYear,
    NeedAssessment,
    NeedType,
    Pupil,
    SencoDecision,
    SENNeed,
    Strand,
)
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


class RegisterFileError(Exception):
    """The file cannot be imported; `errors` lists the reasons, at most MAX_LISTED of them and
    then how many more there are."""

    def __init__(self, errors, total=None):
        total = len(errors) if total is None else total
        super().__init__(f"{total} error(s); nothing was written")
        self.total = total
        self.errors = list(errors[:MAX_LISTED])
        if total > len(self.errors):
            more = total - len(self.errors)
            self.errors.append(f"and {more:,} more problem{'s' if more != 1 else ''}")


class Problems:
    """Every problem found in a file, counted; the first MAX_LISTED kept to be listed, so a
    file of junk costs no more memory than a good one."""

    def __init__(self):
        self.listed, self.total = [], 0

    def append(self, message):
        self.total += 1
        if len(self.listed) < MAX_LISTED:
            self.listed.append(message)

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
    pupil_fields: dict = field(default_factory=dict)
    class_group: str = ""
    assessed_on: date | None = None
    levels: dict = field(default_factory=dict)  # strand slug -> level
    criteria: list = field(default_factory=list)
    ehcp_issued_on: date | None = None
    ehcp_ceased_on: date | None = None
    sen_types: dict = field(default_factory=dict)  # rank -> need type code
    decision: tuple | None = None  # (code, reason)

    def content(self):
        """What the row says, whichever row it is."""
        return {name: value for name, value in vars(self).items() if name != "row"}

    def applies_before(self):
        """Rows of one pupil are applied in date order (rows with no date first)."""
        return (self.assessed_on or date.min, self.row)


@dataclass
class ImportSummary:
    pupils_added: int = 0
    pupils_updated: int = 0
    classes_added: int = 0
    assessments_added: int = 0
    criteria_added: int = 0
    decisions_added: int = 0
    needs_changed: int = 0
    ehc_plans_added: int = 0
    ehc_plans_ceased: int = 0

    def lines(self):
        return [
            f"pupils added: {self.pupils_added}",
            f"pupils updated: {self.pupils_updated}",
            f"classes added: {self.classes_added}",
            f"grid assessments added: {self.assessments_added}",
            f"level-2 criteria added: {self.criteria_added}",
            f"SENCO decisions added: {self.decisions_added}",
            f"need types changed: {self.needs_changed}",
            f"EHC plans added: {self.ehc_plans_added}",
            f"EHC plans ceased: {self.ehc_plans_ceased}",
        ]


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


def read_csv(raw_bytes):
    """The header of a UTF-8 CSV (a BOM is accepted) and an iterator of its rows as
    (row number, cells); raises RegisterFileError. Rows are read as they are asked for, so a
    large file is never held as a list of rows."""
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegisterFileError(
            [f"row 1, column -: the file is not UTF-8 (bad byte at position {error.start})"]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise RegisterFileError([f"row 1, column -: {error}"]) from None
    if not any(cell.strip() for cell in header):
        raise RegisterFileError(["row 1, column -: the file is empty (a header row is required)"])
    return [cell.strip().lower() for cell in header], _numbered(reader)


def _numbered(reader):
    """(row number, cells) of each row; a row the csv module cannot read ends the file with a
    problem of its own (as cells None)."""
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


def check_header(header, strand_slugs):
    known = REQUIRED_COLUMNS + OPTIONAL_COLUMNS + [f"ssg_{slug}" for slug in strand_slugs]
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


def parse_rows(header, rows, strand_slugs, today, problems):
    """Each data row as a RegisterRow, every problem in them added to `problems`. Once a
    problem is found the file will be refused, so rows are no longer kept: only checked."""
    parsed = []
    seen = {}  # (UPN, assessed_on) -> (row number, fingerprint of what it says)
    for number, cells in rows:
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
        row = _parse_row(reader, strand_slugs)
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


def _parse_row(reader, strand_slugs):
    upn_text = reader.required("upn")
    upn = normalise_upn(upn_text)
    if upn_text:
        problem = upn_problem(upn)
        if problem:
            reader.error("upn", f"{upn_text!r} is not a valid UPN: {problem}")
    row = RegisterRow(row=reader.row, upn=upn)
    _read_pupil(reader, row)
    _read_grid(reader, row, strand_slugs)
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
    nc_year = reader.choice("nc_year", [y.value for y in NCYear], "NC year")
    if not reader.cells.get("nc_year", "").strip():
        reader.error("nc_year", "is required")
    row.pupil_fields["nc_year"] = nc_year
    row.class_group = reader.text("class_group", CLASS_MAX_LENGTH)
    for column in ("joined_on", "left_on"):
        value = reader.date(column, not_future=False)
        if value:
            row.pupil_fields[column] = value
    joined, left = row.pupil_fields.get("joined_on"), row.pupil_fields.get("left_on")
    if joined and left and left < joined:
        reader.error("left_on", f"{left} is before joined_on {joined}")


def _read_grid(reader, row, strand_slugs):
    row.assessed_on = reader.date("assessed_on")
    for slug in strand_slugs:
        column = f"ssg_{slug}"
        value = reader.cells.get(column, "").strip()
        if value in {"1", "2", "3", "4", "5"}:
            row.levels[slug] = int(value)
        elif value:
            reader.error(column, f"{value!r} is not a level (1 to 5, or blank)")
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


@dataclass
class _HeldPlan:
    """An EHC plan as the checks see it while walking a pupil's rows."""

    issued_on: date
    ceased_on: date | None


class RegisterImport:
    """Import one school's register file. `run()` checks everything, then writes it all or
    nothing; with dry_run it writes nothing and reports what it would have done."""

    def __init__(self, school, raw_bytes, *, user=None, today=None):
        self.school = school
        self.raw_bytes = raw_bytes
        self.user = user
        self.today = today or timezone.localdate()
        self.strands = {s.slug: s for s in Strand.objects.all()}

    def run(self, *, dry_run=False):
        header, raw_rows = read_csv(self.raw_bytes)
        header_problems = check_header(header, list(self.strands))
        if header_problems:
            raise RegisterFileError(header_problems)
        problems = Problems()
        rows = parse_rows(header, raw_rows, list(self.strands), self.today, problems)
        problems.refuse()
        rows = in_date_order(rows)
        upns = {r.upn for r in rows}
        existing = {p.upn: p for p in Pupil.objects.filter(school=self.school, upn__in=upns)}
        plans = defaultdict(list)
        for plan in EHCPlan.objects.filter(pupil__in=existing.values()).order_by("issued_on"):
            plans[plan.pupil_id].append(plan)
        problems += self._check_against_records(rows, existing, plans)
        problems.refuse()
        if not rows:
            raise RegisterFileError(["row 2, column -: the file has a header but no pupils"])
        # The census standings of every pupil touched are worked out once, at the end.
        with batched():
            summary = self._write(rows, existing, plans)
            if dry_run:
                transaction.set_rollback(True)
        return summary

    def _check_against_records(self, rows, existing, plans):
        """Checks that need what is already held, taking each pupil's rows in date order:
        joining and leaving dates, and EHC plans to cease."""
        problems = []
        joined_left = {}
        plans_by_upn = {}
        for row in rows:
            pupil = existing.get(row.upn)
            if row.upn not in joined_left:
                joined_left[row.upn] = (pupil.joined_on, pupil.left_on) if pupil else (None, None)
                plans_by_upn[row.upn] = [
                    _HeldPlan(p.issued_on, p.ceased_on)
                    for p in plans.get(pupil.pk if pupil else None, [])
                ]
            joined = row.pupil_fields.get("joined_on") or joined_left[row.upn][0]
            left = row.pupil_fields.get("left_on") or joined_left[row.upn][1]
            joined_left[row.upn] = (joined, left)
            if joined and left and left < joined and pupil is not None:
                column = "left_on" if "left_on" in row.pupil_fields else "joined_on"
                problems.append(
                    f"row {row.row}, column {column}: the pupil would leave ({left}) "
                    f"before joining ({joined})"
                )
            problems += self._check_plan(row, plans_by_upn[row.upn])
        return problems

    @staticmethod
    def _plan_to_cease(row, held_plans):
        if row.ehcp_issued_on:
            return next((p for p in held_plans if p.issued_on == row.ehcp_issued_on), None)
        candidates = [p for p in held_plans if p.issued_on <= row.ehcp_ceased_on]
        open_plans = [p for p in candidates if p.ceased_on is None]
        if open_plans:
            return open_plans[-1]
        return next((p for p in candidates if p.ceased_on == row.ehcp_ceased_on), None)

    def _check_plan(self, row, held):
        """The row's EHC plan dates against the plans held so far (which it then changes)."""
        if not (row.ehcp_issued_on or row.ehcp_ceased_on):
            return []
        plan = self._plan_to_cease(row, held) if row.ehcp_ceased_on else None
        if row.ehcp_ceased_on and plan is None and not row.ehcp_issued_on:
            return [
                f"row {row.row}, column ehcp_ceased_on: there is no EHC plan issued on "
                f"or before {row.ehcp_ceased_on} to cease (give ehcp_issued_on)"
            ]
        if plan and plan.ceased_on and plan.ceased_on != row.ehcp_ceased_on:
            return [
                f"row {row.row}, column ehcp_ceased_on: the EHC plan issued "
                f"{plan.issued_on} already ceased on {plan.ceased_on}"
            ]
        if plan is None and row.ehcp_issued_on:
            plan = next((p for p in held if p.issued_on == row.ehcp_issued_on), None)
        if plan is None:
            held.append(_HeldPlan(row.ehcp_issued_on, row.ehcp_ceased_on))
            held.sort(key=lambda p: p.issued_on)
        elif row.ehcp_ceased_on:
            plan.ceased_on = row.ehcp_ceased_on
        return []

    # Bulk writes that keep the change history, as every change to an SEN record must.
    def _create(self, model, objects, batch_size):
        return bulk_create_with_history_copied(
            model, objects, user=self.user, reason="register import", batch_size=batch_size
        )

    def _update(self, model, objects, fields, batch_size):
        return bulk_update_with_history(
            objects,
            model,
            fields,
            batch_size=batch_size,
            default_user=self.user,
            default_change_reason="register import",
        )

    def _write(self, rows, existing, plans):
        summary = ImportSummary()
        classes = self._classes(rows, summary)
        pupils = self._pupils(rows, existing, classes, summary)
        self._assessments(rows, pupils, summary)
        self._criteria(rows, pupils, summary)
        self._decisions(rows, pupils, summary)
        self._needs(rows, pupils, summary)
        self._ehc_plans(rows, pupils, plans, summary)
        return summary

    def _classes(self, rows, summary):
        classes = {c.name: c for c in ClassGroup.objects.filter(school=self.school)}
        missing = sorted({r.class_group for r in rows if r.class_group} - set(classes))
        for group in ClassGroup.objects.bulk_create(
            [ClassGroup(school=self.school, name=name) for name in missing]
        ):
            classes[group.name] = group
        summary.classes_added = len(missing)
        return classes

    def _pupils(self, rows, existing, classes, summary):
        # Each pupil's details as their rows give them, later rows over earlier ones.
        merged = defaultdict(dict)
        for row in rows:
            values = merged[row.upn]
            values.update(row.pupil_fields)
            if row.class_group:
                # The id, not the object: reading pupil.class_group would query per pupil.
                values["class_group_id"] = classes[row.class_group].pk
        pupils = dict(existing)
        new, changed, changed_fields = [], [], set()
        for upn, values in merged.items():
            pupil = existing.get(upn)
            if pupil is None:
                pupil = Pupil(school=self.school, upn=upn, **values)
                new.append(pupil)
                pupils[upn] = pupil
                continue
            differences = {
                name: value for name, value in values.items() if getattr(pupil, name) != value
            }
            for name, value in differences.items():
                setattr(pupil, name, value)
            if differences:
                changed.append(pupil)
                changed_fields.update(differences)
        self._create(Pupil, new, 500)
        if changed:
            self._update(Pupil, changed, sorted(changed_fields), 500)
        summary.pupils_added, summary.pupils_updated = len(new), len(changed)
        return pupils

    def _assessments(self, rows, pupils, summary):
        dates = {r.assessed_on for r in rows if r.levels}
        held = set(
            NeedAssessment.objects.filter(
                pupil__school=self.school, assessed_on__in=dates
            ).values_list("pupil_id", "strand_id", "assessed_on", "level")
        )
        new = []
        for row in rows:
            pupil = pupils[row.upn]
            for slug, level in row.levels.items():
                strand = self.strands[slug]
                key = (pupil.pk, strand.pk, row.assessed_on, level)
                if key in held:
                    continue  # the same assessment imported before: nothing new to keep
                held.add(key)
                new.append(
                    NeedAssessment(
                        pupil=pupil,
                        strand=strand,
                        level=level,
                        assessed_on=row.assessed_on,
                        assessed_by=self.user,
                        note="Imported from the register file.",
                    )
                )
        self._create(NeedAssessment, new, 1000)
        summary.assessments_added = len(new)

    def _criteria(self, rows, pupils, summary):
        held = defaultdict(list)
        for criterion in LevelTwoCriterion.objects.filter(pupil__school=self.school):
            held[(criterion.pupil_id, criterion.criterion)].append(criterion)
        new = []
        for row in rows:
            pupil = pupils[row.upn]
            for slug in row.criteria:
                holding = any(
                    c.recorded_on <= row.assessed_on
                    and (c.withdrawn_on is None or c.withdrawn_on > row.assessed_on)
                    for c in held[(pupil.pk, slug)]
                )
                if not holding:
                    criterion = LevelTwoCriterion(
                        pupil=pupil,
                        criterion=slug,
                        recorded_on=row.assessed_on,
                        recorded_by=self.user,
                        note="Imported from the register file.",
                    )
                    new.append(criterion)
                    held[(pupil.pk, slug)].append(criterion)
        self._create(LevelTwoCriterion, new, 1000)
        summary.criteria_added = len(new)

    def _decisions(self, rows, pupils, summary):
        deciding = [r for r in rows if r.decision]
        held = defaultdict(list)
        if deciding:
            for decision in SencoDecision.objects.filter(pupil__school=self.school).order_by(
                "decided_on", "id"
            ):
                held[decision.pupil_id].append(decision)
        new = []
        for row in deciding:
            pupil = pupils[row.upn]
            # Held in the order made; those of this file come after, being recorded last.
            current = [
                d
                for d in held[pupil.pk]
                if d.decided_on <= row.assessed_on
                and (d.withdrawn_on is None or d.withdrawn_on > row.assessed_on)
            ]
            if current and (current[-1].code, current[-1].reason) == row.decision:
                continue
            code, reason = row.decision
            decision = SencoDecision(
                pupil=pupil,
                code=code,
                reason=reason,
                decided_on=row.assessed_on,
                decided_by=self.user,
            )
            new.append(decision)
            held[pupil.pk].append(decision)
        self._create(SencoDecision, new, 1000)
        summary.decisions_added = len(new)

    def _needs(self, rows, pupils, summary):
        typed = [r for r in rows if r.sen_types]
        current = {}
        for need in SENNeed.objects.filter(pupil__school=self.school, ended_on__isnull=True):
            current[(need.pupil_id, need.rank)] = need
        ended, new = [], []
        for row in typed:
            pupil = pupils[row.upn]
            on = row.assessed_on or self.today
            for rank, code in row.sen_types.items():
                held = current.get((pupil.pk, rank))
                if held and held.need_type == code:
                    continue
                if held:
                    held.ended_on = max(on, held.recorded_on)
                    if held.pk:  # one of this file's own is written with its end
                        ended.append(held)
                need = SENNeed(
                    pupil=pupil,
                    need_type=code,
                    rank=rank,
                    recorded_on=max(on, held.recorded_on) if held else on,
                    recorded_by=self.user,
                )
                new.append(need)
                current[(pupil.pk, rank)] = need
        if ended:
            self._update(SENNeed, ended, ["ended_on"], 500)
        self._create(SENNeed, new, 1000)
        summary.needs_changed = len(new)

    def _ehc_plans(self, rows, pupils, plans, summary):
        new, ceased = [], []
        for row in rows:
            if not (row.ehcp_issued_on or row.ehcp_ceased_on):
                continue
            pupil = pupils[row.upn]
            held = plans.get(pupil.pk, [])
            plan = self._plan_to_cease(row, held) if row.ehcp_ceased_on else None
            if row.ehcp_issued_on and plan is None:
                plan = next((p for p in held if p.issued_on == row.ehcp_issued_on), None)
            if plan is None:
                plan = EHCPlan(
                    pupil=pupil,
                    issued_on=row.ehcp_issued_on,
                    ceased_on=row.ehcp_ceased_on,
                    recorded_by=self.user,
                )
                new.append(plan)
                held.append(plan)
                held.sort(key=lambda p: p.issued_on)
                plans[pupil.pk] = held
            elif row.ehcp_ceased_on and plan.ceased_on is None:
                plan.ceased_on = row.ehcp_ceased_on
                if plan.pk:  # one of this file's own is written ceased
                    ceased.append(plan)
        self._create(EHCPlan, new, 500)
        if ceased:
            self._update(EHCPlan, ceased, ["ceased_on"], 500)
        summary.ehc_plans_added = len(new)
        summary.ehc_plans_ceased = len(ceased)
