"""Register import (DESIGN.md section 10): a CSV of pupils as assessed on a date.

The whole file is read and checked before anything is written. Any error means nothing is
written, and every error is reported as `row N, column C: message` (the header is row 1, so
row numbers match what a spreadsheet shows). A row for a UPN already on the register updates
that pupil and appends a new dated assessment: history is never overwritten, and a blank cell
leaves its field as it was. Importing the same file twice adds nothing the second time.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from sen_register.bulk_history import bulk_create_with_history_copied

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


class RegisterFileError(Exception):
    """The file cannot be imported; `errors` lists every reason."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} error(s); nothing was written")
        self.errors = errors


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
    """The header and rows of a UTF-8 CSV (a BOM is accepted); raises RegisterFileError."""
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegisterFileError(
            [f"row 1, column -: the file is not UTF-8 (bad byte at position {error.start})"]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as error:
        raise RegisterFileError([f"row {reader.line_num}, column -: {error}"]) from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise RegisterFileError(["row 1, column -: the file is empty (a header row is required)"])
    return [cell.strip().lower() for cell in rows[0]], rows[1:]


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


def parse_rows(header, rows, strand_slugs, today):
    """Each data row as a RegisterRow, and every error found in them."""
    errors = []
    parsed = []
    first_row_of_upn = {}
    criterion_slugs = [c.value for c in LevelTwoCriterionKind]
    need_codes = [n.value for n in NeedType]
    for index, cells_list in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells_list):
            continue  # spreadsheets leave blank lines at the end
        if len(cells_list) != len(header):
            errors.append(
                f"row {index}, column -: has {len(cells_list)} cells but the header has "
                f"{len(header)}"
            )
            continue
        reader = _RowReader(index, dict(zip(header, cells_list, strict=True)), errors, today)
        upn_text = reader.required("upn")
        upn = normalise_upn(upn_text)
        if upn_text:
            problem = upn_problem(upn)
            if problem:
                reader.error("upn", f"{upn_text!r} is not a valid UPN: {problem}")
            elif upn in first_row_of_upn:
                reader.error("upn", f"{upn} is also on row {first_row_of_upn[upn]}")
            else:
                first_row_of_upn[upn] = index
        row = RegisterRow(row=index, upn=upn)
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

        row.assessed_on = reader.date("assessed_on")
        for slug in strand_slugs:
            column = f"ssg_{slug}"
            value = reader.cells.get(column, "").strip()
            if value:
                if value in {"1", "2", "3", "4", "5"}:
                    row.levels[slug] = int(value)
                else:
                    reader.error(column, f"{value!r} is not a level (1 to 5, or blank)")

        for slug in reader.cells.get("level2_criteria", "").split(";"):
            slug = slug.strip().lower()
            if not slug:
                continue
            if slug not in criterion_slugs:
                reader.error(
                    "level2_criteria",
                    f"{slug!r} is not a level-2 criterion (one of: {', '.join(criterion_slugs)})",
                )
            elif slug not in row.criteria:
                row.criteria.append(slug)

        row.ehcp_issued_on = reader.date("ehcp_issued_on")
        row.ehcp_ceased_on = reader.date("ehcp_ceased_on")
        if row.ehcp_issued_on and row.ehcp_ceased_on and row.ehcp_ceased_on < row.ehcp_issued_on:
            reader.error(
                "ehcp_ceased_on",
                f"{row.ehcp_ceased_on} is before ehcp_issued_on {row.ehcp_issued_on}",
            )

        for rank in (1, 2):
            code = reader.choice(f"sen_type_{rank}", need_codes, "need type")
            if code:
                row.sen_types[rank] = code
        if 2 in row.sen_types and 1 not in row.sen_types:
            reader.error("sen_type_1", "is required when sen_type_2 is given (ranks 1 then 2)")
        if row.sen_types.get(1) and row.sen_types.get(1) == row.sen_types.get(2):
            reader.error("sen_type_2", "cannot repeat sen_type_1")

        decision = reader.choice("senco_decision", ["K", "N"], "SENCO decision")
        reason = reader.text("senco_decision_reason", 2000)
        if decision and not reason:
            reader.error("senco_decision_reason", "is required with a SENCO decision")
        if reason and not decision and not reader.cells.get("senco_decision", "").strip():
            reader.error("senco_decision", "is required when a reason is given")
        if decision and reason:
            row.decision = (decision, reason)

        assessed_on_blank = not reader.cells.get("assessed_on", "").strip()
        if (row.levels or row.criteria or row.decision) and assessed_on_blank:
            reader.error(
                "assessed_on",
                "is required when grid levels, level-2 criteria or a SENCO decision are given",
            )
        parsed.append(row)
    return parsed, errors


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
        errors = check_header(header, list(self.strands))
        if errors:
            raise RegisterFileError(errors)
        rows, errors = parse_rows(header, raw_rows, list(self.strands), self.today)
        upns = [r.upn for r in rows]
        existing = {p.upn: p for p in Pupil.objects.filter(school=self.school, upn__in=upns)}
        plans = defaultdict(list)
        for plan in EHCPlan.objects.filter(pupil__in=existing.values()).order_by("issued_on"):
            plans[plan.pupil_id].append(plan)
        errors += self._check_against_records(rows, existing, plans)
        if errors:
            raise RegisterFileError(errors)
        if not rows:
            raise RegisterFileError(["row 2, column -: the file has a header but no pupils"])
        with transaction.atomic():
            summary = self._write(rows, existing, plans)
            if dry_run:
                transaction.set_rollback(True)
        return summary

    def _check_against_records(self, rows, existing, plans):
        """Checks that need what is already held: joining/leaving dates and EHC plans."""
        errors = []
        for row in rows:
            pupil = existing.get(row.upn)
            if pupil is not None:
                joined = row.pupil_fields.get("joined_on") or pupil.joined_on
                left = row.pupil_fields.get("left_on") or pupil.left_on
                if joined and left and left < joined:
                    column = "left_on" if "left_on" in row.pupil_fields else "joined_on"
                    errors.append(
                        f"row {row.row}, column {column}: the pupil would leave ({left}) "
                        f"before joining ({joined})"
                    )
            if not row.ehcp_ceased_on:
                continue
            plan = self._plan_to_cease(row, plans.get(pupil.pk, []) if pupil else [])
            if plan is None and not row.ehcp_issued_on:
                errors.append(
                    f"row {row.row}, column ehcp_ceased_on: there is no EHC plan issued on "
                    f"or before {row.ehcp_ceased_on} to cease (give ehcp_issued_on)"
                )
            elif plan and plan.ceased_on and plan.ceased_on != row.ehcp_ceased_on:
                errors.append(
                    f"row {row.row}, column ehcp_ceased_on: the EHC plan issued "
                    f"{plan.issued_on} already ceased on {plan.ceased_on}"
                )
        return errors

    @staticmethod
    def _plan_to_cease(row, held_plans):
        if row.ehcp_issued_on:
            return next((p for p in held_plans if p.issued_on == row.ehcp_issued_on), None)
        candidates = [p for p in held_plans if p.issued_on <= row.ehcp_ceased_on]
        open_plans = [p for p in candidates if p.ceased_on is None]
        if open_plans:
            return open_plans[-1]
        return next((p for p in candidates if p.ceased_on == row.ehcp_ceased_on), None)

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
        pupils = dict(existing)
        new, changed, changed_fields = [], [], set()
        for row in rows:
            values = dict(row.pupil_fields)
            if row.class_group:
                # The id, not the object: reading pupil.class_group would query per pupil.
                values["class_group_id"] = classes[row.class_group].pk
            pupil = existing.get(row.upn)
            if pupil is None:
                pupil = Pupil(school=self.school, upn=row.upn, **values)
                new.append(pupil)
                pupils[row.upn] = pupil
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
                pupil__in=[p for p in pupils.values() if p.pk], assessed_on__in=dates
            ).values_list("pupil_id", "strand_id", "assessed_on", "level")
        )
        new = []
        for row in rows:
            pupil = pupils[row.upn]
            for slug, level in row.levels.items():
                strand = self.strands[slug]
                if (pupil.pk, strand.pk, row.assessed_on, level) in held:
                    continue  # the same assessment imported before: nothing new to keep
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
        for criterion in LevelTwoCriterion.objects.filter(
            pupil__in=[pupils[r.upn] for r in rows if r.criteria]
        ):
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
                    new.append(
                        LevelTwoCriterion(
                            pupil=pupil,
                            criterion=slug,
                            recorded_on=row.assessed_on,
                            recorded_by=self.user,
                            note="Imported from the register file.",
                        )
                    )
        self._create(LevelTwoCriterion, new, 1000)
        summary.criteria_added = len(new)

    def _decisions(self, rows, pupils, summary):
        deciding = [r for r in rows if r.decision]
        held = defaultdict(list)
        for decision in SencoDecision.objects.filter(
            pupil__in=[pupils[r.upn] for r in deciding]
        ).order_by("decided_on", "id"):
            held[decision.pupil_id].append(decision)
        new = []
        for row in deciding:
            pupil = pupils[row.upn]
            current = [
                d
                for d in held[pupil.pk]
                if d.decided_on <= row.assessed_on
                and (d.withdrawn_on is None or d.withdrawn_on > row.assessed_on)
            ]
            if current and (current[-1].code, current[-1].reason) == row.decision:
                continue
            code, reason = row.decision
            new.append(
                SencoDecision(
                    pupil=pupil,
                    code=code,
                    reason=reason,
                    decided_on=row.assessed_on,
                    decided_by=self.user,
                )
            )
        self._create(SencoDecision, new, 1000)
        summary.decisions_added = len(new)

    def _needs(self, rows, pupils, summary):
        typed = [r for r in rows if r.sen_types]
        current = {}
        for need in SENNeed.objects.filter(
            pupil__in=[pupils[r.upn] for r in typed], ended_on__isnull=True
        ):
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
                    ended.append(held)
                new.append(
                    SENNeed(
                        pupil=pupil,
                        need_type=code,
                        rank=rank,
                        recorded_on=max(on, held.recorded_on) if held else on,
                        recorded_by=self.user,
                    )
                )
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
                new.append(
                    EHCPlan(
                        pupil=pupil,
                        issued_on=row.ehcp_issued_on,
                        ceased_on=row.ehcp_ceased_on,
                        recorded_by=self.user,
                    )
                )
            elif row.ehcp_ceased_on and plan.ceased_on is None:
                plan.ceased_on = row.ehcp_ceased_on
                ceased.append(plan)
        self._create(EHCPlan, new, 500)
        if ceased:
            self._update(EHCPlan, ceased, ["ceased_on"], 500)
        summary.ehc_plans_added = len(new)
        summary.ehc_plans_ceased = len(ceased)
