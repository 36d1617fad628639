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


def named_criteria(recorded, areas_at_two):
    """The level-2 criteria holding, in the guidance's order: those recorded, plus
    `multiple_areas` by itself when two or more *broad areas* (not strands) are at level 2 or
    above."""
    holding = set(recorded)
    if areas_at_two >= 2:
        holding.add("multiple_areas")
    return [slug for slug in CRITERIA_ORDER if slug in holding]


def criteria_holding(records, current, on):
    """The level-2 criteria holding on `on`, in the guidance's order."""
    areas_at_two = {a.strand.area for a in current.values() if a.level >= 2}
    return named_criteria((c.slug for c in records.criteria if c.holds_on(on)), len(areas_at_two))


def grid_wording(highest, strand_names, criteria):
    """Step 2's code and basis from the highest current level (None when never assessed), the
    names of the strands at that level in grid order, and the level-2 criteria holding."""
    if highest is None:
        return "N", "no assessment on the grid"
    where = ", ".join(strand_names)
    if highest >= 3:
        return "K", f"level {highest} in {where}"
    if highest == 2:
        if criteria:
            return "K", f"level 2 with criteria: {', '.join(criteria)}"
        return "N", "level 2, no criteria recorded"
    return "N", f"level 1 in {where}"


def grid_code(records, on):
    """Step 2: the code the grid gives, its basis, and the highest current level."""
    current = current_levels(records.assessments, on)
    if not current:
        return *grid_wording(None, [], []), None
    highest = max(a.level for a in current.values())
    strands = sorted(
        (a.strand for a in current.values() if a.level == highest), key=lambda s: s.position
    )
    criteria = criteria_holding(records, current, on) if highest == 2 else []
    return *grid_wording(highest, [s.name for s in strands], criteria), highest


def decision_in_force(records, on):
    """The SENCO decision holding on `on`: the latest made, unless withdrawn."""
    holding = [d for d in records.decisions if d.holds_on(on)]
    return max(holding, key=lambda d: (d.decided_on, d.order)) if holding else None


def plan_basis(issued_on):
    return f"EHC plan issued {issued_on.isoformat()}"


def decision_basis(reason):
    return f"SENCO decision: {reason}"


def settle(code, basis, highest, *, plan, decision):
    """Steps 1 and 3 over the grid's answer: an active EHC plan gives E whatever the grid
    says (and no SENCO decision can change it); otherwise a SENCO decision in force replaces
    the grid's code."""
    if plan is not None:
        return Derivation(
            code="E",
            basis=plan_basis(plan.issued_on),
            grid_code=code,
            grid_basis=basis,
            highest_level=highest,
            plan=plan,
        )
    if decision is not None:
        return Derivation(
            code=decision.code,
            basis=decision_basis(decision.reason),
            grid_code=code,
            grid_basis=basis,
            highest_level=highest,
            decision=decision,
        )
    return Derivation(
        code=code, basis=basis, grid_code=code, grid_basis=basis, highest_level=highest
    )


def plan_in_force(records, on):
    """The EHC plan giving E on `on`: the latest issued of those active (the first recorded
    between two issued on one day)."""
    active = [p for p in records.plans if p.active_on(on)]
    return max(active, key=lambda p: p.issued_on) if active else None


def derive(records, on):
    """The census code for a pupil on roll on `on`, with the rule that gave it; None if the
    pupil is not on roll that day."""
    if not records.on_roll(on):
        return None
    code, basis, highest = grid_code(records, on)
    return settle(
        code,
        basis,
        highest,
        plan=plan_in_force(records, on),
        decision=decision_in_force(records, on),
    )
