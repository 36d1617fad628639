"""Register import (docs/formats.md): a file of pupils as assessed on
dates, read by pupils.register_file.

The whole file is read and checked before anything is written. Any error means nothing is
written. A row for a UPN already on the register updates that pupil and appends a new dated
assessment: history is never overwritten, and a blank cell leaves its field as it was. A
file may hold several rows for one pupil, applied in date order. Importing the same file
twice adds nothing the second time.
"""

from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from sen_register.core.bulk_history import bulk_create_with_history_copied

from .changes import batched
from .dating import in_force
from .import_runs import one_import_at_a_time
from .models import (
    ClassGroup,
    EHCPlan,
    GroupKind,
    LevelTwoCriterion,
    NeedAssessment,
    Pupil,
    SencoDecision,
    SENNeed,
    Strand,
)
from .register_file import (
    Problems,
    RegisterFileError,
    check_header,
    in_date_order,
    parse_rows,
    read_file,
)


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
    # (heading as written, the column it was read as) for each heading written differently
    columns_read: list[tuple[str, str]] = field(default_factory=list)

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
        self.strands = {s.slug: s for s in Strand.objects.of(school).select_related("framework")}

    def run(self, *, dry_run=False):
        # A dry run writes nothing, so it can run beside anything.
        with nullcontext() if dry_run else one_import_at_a_time(self.school, self.user):
            return self._run(dry_run)

    def _run(self, dry_run):
        header, raw_rows, headings = read_file(self.raw_bytes)
        header_problems = check_header(header, list(self.strands))
        if header_problems:
            raise RegisterFileError(header_problems)
        problems = Problems()
        rows = parse_rows(header, raw_rows, self.strands, self.today, problems)
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
        summary.columns_read = [
            (heading, name)
            for heading, name in zip(headings, header, strict=True)
            if heading.lower() != name
        ]
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
        forms = [ClassGroup(school=self.school, name=n, kind=GroupKind.FORM) for n in missing]
        classes.update((group.name, group) for group in ClassGroup.objects.bulk_create(forms))
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
                    in_force(c.recorded_on, c.withdrawn_on, row.assessed_on)
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
                d for d in held[pupil.pk] if in_force(d.decided_on, d.withdrawn_on, row.assessed_on)
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
