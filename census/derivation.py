"""School Census SEN provision (E, K, N) from the grid, EHC plans and SENCO decisions.

The rules are DESIGN.md section 4, from the Sheffield K-code guidance. Everything here is a
pure function of plain records and a date: no database, so the same inputs always give the
same code, and past census days can be recomputed. `census.records` loads the records.
"""

from dataclasses import dataclass, field
from datetime import date

# The guidance's order, used whenever criteria are named together.
CRITERIA_ORDER = ["medical", "multiple_areas", "gap_not_narrowing", "long_term", "transition"]


@dataclass(frozen=True)
class StrandInfo:
    slug: str
    name: str
    area: str
    position: int


@dataclass(frozen=True)
class Assessment:
    strand: StrandInfo
    level: int
    assessed_on: date
    order: int  # later-recorded wins between two assessments of one strand on one day


@dataclass(frozen=True)
class Criterion:
    slug: str
    recorded_on: date
    withdrawn_on: date | None = None

    def holds_on(self, on):
        # A withdrawal takes effect on its own date.
        return self.recorded_on <= on and (self.withdrawn_on is None or self.withdrawn_on > on)


@dataclass(frozen=True)
class Decision:
    code: str  # "K" or "N"
    reason: str
    decided_on: date
    order: int
    withdrawn_on: date | None = None

    def holds_on(self, on):
        return self.decided_on <= on and (self.withdrawn_on is None or self.withdrawn_on > on)


@dataclass(frozen=True)
class Plan:
    issued_on: date
    ceased_on: date | None = None
    last_annual_review_on: date | None = None

    def active_on(self, on):
        # Not ceased *before* the day: a plan ceasing on census day still counts.
        return self.issued_on <= on and (self.ceased_on is None or self.ceased_on >= on)


@dataclass
class PupilRecords:
    joined_on: date | None = None
    left_on: date | None = None
    assessments: list = field(default_factory=list)
    criteria: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    plans: list = field(default_factory=list)

    def on_roll(self, on):
        return (self.joined_on is None or self.joined_on <= on) and (
            self.left_on is None or self.left_on >= on
        )


@dataclass(frozen=True)
class Derivation:
    code: str
    basis: str
    grid_code: str  # what the grid alone gives (step 2), before any SENCO decision
    grid_basis: str
    highest_level: int | None = None
    decision: Decision | None = None  # the SENCO decision that replaced the grid, if any
    plan: Plan | None = None  # the EHC plan that gave E, if any

    @property
    def level_two_unclear(self):
        """Level 2 with no recorded reason (no criterion, no SENCO decision): the case the
        guidance asks the SENCO to look at."""
        return self.highest_level == 2 and self.grid_code == "N" and self.decision is None

    @property
    def departs_from_grid(self):
        return self.decision is not None and self.decision.code != self.grid_code


def current_levels(assessments, on):
    """Strand -> the latest assessment of it dated on or before `on`."""
    latest = {}
    for assessment in assessments:
        if assessment.assessed_on > on:
            continue
        held = latest.get(assessment.strand.slug)
        if held is None or (assessment.assessed_on, assessment.order) > (
            held.assessed_on,
            held.order,
        ):
            latest[assessment.strand.slug] = assessment
    return latest


def criteria_holding(records, current, on):
    """The level-2 criteria holding on `on`, in the guidance's order. `multiple_areas` holds
    by itself when two or more *broad areas* (not strands) are at level 2 or above."""
    holding = {c.slug for c in records.criteria if c.holds_on(on)}
    areas_at_two = {a.strand.area for a in current.values() if a.level >= 2}
    if len(areas_at_two) >= 2:
        holding.add("multiple_areas")
    return [slug for slug in CRITERIA_ORDER if slug in holding]


def grid_code(records, on):
    """Step 2: the code the grid gives, its basis, and the highest current level."""
    current = current_levels(records.assessments, on)
    if not current:
        return "N", "no assessment on the grid", None
    highest = max(a.level for a in current.values())
    strands = sorted(
        (a.strand for a in current.values() if a.level == highest), key=lambda s: s.position
    )
    where = ", ".join(s.name for s in strands)
    if highest >= 3:
        return "K", f"level {highest} in {where}", highest
    if highest == 2:
        criteria = criteria_holding(records, current, on)
        if criteria:
            return "K", f"level 2 with criteria: {', '.join(criteria)}", highest
        return "N", "level 2, no criteria recorded", highest
    return "N", f"level 1 in {where}", highest


def decision_in_force(records, on):
    """The SENCO decision holding on `on`: the latest made, unless withdrawn."""
    holding = [d for d in records.decisions if d.holds_on(on)]
    return max(holding, key=lambda d: (d.decided_on, d.order)) if holding else None


def derive(records, on):
    """The census code for a pupil on roll on `on`, with the rule that gave it; None if the
    pupil is not on roll that day."""
    if not records.on_roll(on):
        return None
    code, basis, highest = grid_code(records, on)
    active_plans = [p for p in records.plans if p.active_on(on)]
    if active_plans:
        plan = max(active_plans, key=lambda p: p.issued_on)
        # Step 1: E whatever the grid says, and no SENCO decision can change it.
        return Derivation(
            code="E",
            basis=f"EHC plan issued {plan.issued_on.isoformat()}",
            grid_code=code,
            grid_basis=basis,
            highest_level=highest,
            plan=plan,
        )
    decision = decision_in_force(records, on)
    if decision is not None:
        return Derivation(
            code=decision.code,
            basis=f"SENCO decision: {decision.reason}",
            grid_code=code,
            grid_basis=basis,
            highest_level=highest,
            decision=decision,
        )
    return Derivation(
        code=code, basis=basis, grid_code=code, grid_basis=basis, highest_level=highest
    )
