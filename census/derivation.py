"""School Census SEN provision (E, K, N) from the grid, EHC plans and SENCO decisions, and
everything else the register reads off a pupil's records on a day: register status, highest
level, levels by broad area, need types, and the flags the SENCO is asked to look at.

The rules are those of the Sheffield K-code guidance (docs/census-engine.md). This is the only
place they are written: everything here is a pure function of plain records and a date, so
the same inputs always give the same answer and past census days can be recomputed.
`census.periods` sweeps a pupil's records into the dated periods the database keeps;
`census.keeping` loads the records and writes the periods.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from operator import attrgetter

from pupils import dating
from pupils.models import LevelTwoCriterionKind
from sen_register.core.dates import in_words

# The guidance's order, used whenever criteria are named together.
CRITERIA_ORDER = ["medical", "multiple_areas", "gap_not_narrowing", "long_term", "transition"]


def criterion_name(slug):
    """A criterion as the basis names it: its meaning in words, never its slug."""
    label = LevelTwoCriterionKind(slug).label
    return label[0].lower() + label[1:]


# Register status, from the same records as the code.
EHC_PLAN, SEN_SUPPORT, MONITORING, NONE = "ehc_plan", "sen_support", "monitoring", "none"
STATUS_LABELS = {
    EHC_PLAN: "EHC plan",
    SEN_SUPPORT: "SEN support",
    MONITORING: "Monitoring (record of concern)",
    NONE: "Not on the SEN register",
}
NOT_ON_ROLL = "Not on roll"


# --- Records, as the rules see them ------------------------------------------------------


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

    def in_force_on(self, on):
        return dating.in_force(self.recorded_on, self.withdrawn_on, on)


@dataclass(frozen=True)
class Decision:
    code: str  # "K" or "N"
    reason: str
    decided_on: date
    order: int
    withdrawn_on: date | None = None
    # Brought from the previous school by a CTF: it holds only until this school assesses
    # the pupil on its own grid (`decisions_holding`).
    transferred: bool = False

    def in_force_on(self, on):
        return dating.in_force(self.decided_on, self.withdrawn_on, on)


@dataclass(frozen=True)
class Plan:
    issued_on: date
    ceased_on: date | None = None
    last_annual_review_on: date | None = None

    def in_force_on(self, on):
        return dating.ehc_plan_in_force(self.issued_on, self.ceased_on, on)


@dataclass(frozen=True)
class Need:
    need_type: str  # a DfE code
    rank: int  # 1 primary, 2 secondary
    recorded_on: date
    order: int
    ended_on: date | None = None

    def in_force_on(self, on):
        return dating.in_force(self.recorded_on, self.ended_on, on)


@dataclass(frozen=True)
class SupportPlanSpan:
    """A support plan that has been in force (a draft never is)."""

    starts_on: date
    ended_on: date | None = None

    def in_force_on(self, on):
        return dating.in_force(self.starts_on, self.ended_on, on)


@dataclass
class PupilRecords:
    joined_on: date | None = None
    left_on: date | None = None
    assessments: list[Assessment] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)  # in the order recorded
    needs: list[Need] = field(default_factory=list)
    support_plans: list[SupportPlanSpan] = field(default_factory=list)

    def on_roll(self, on):
        return dating.on_roll(self.joined_on, self.left_on, on)


# --- What holds on a day -----------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What the rules look at on one day: the current assessment of each strand, the level-2
    criteria recorded and holding, the SENCO decision and EHC plan in force, the need type of
    each rank and whether a support plan is in force."""

    on_roll: bool
    current: dict[str, Assessment]  # strand slug -> its current assessment
    criteria: frozenset[str] = frozenset()
    decision: Decision | None = None
    plan: Plan | None = None
    need_types: tuple[str, str] = ("", "")  # ranks 1 and 2
    support_plan: bool = False


def latest_assessment(held, assessment):
    """Of an assessment held for a strand and another of it, the current one."""
    return dating.current_of(held, assessment, recorded=attrgetter("order"))


def current_levels(assessments, on):
    """Strand slug -> the current assessment of it on `on`."""
    return dating.current_by_strand(
        assessments, on, strand=lambda a: a.strand.slug, recorded=attrgetter("order")
    )


def decision_in_force(decisions):
    """Of the SENCO decisions holding, the one in force: the latest made."""
    return max(decisions, key=lambda d: (d.decided_on, d.order), default=None)


def plan_in_force(plans):
    """Of the EHC plans active (in the order recorded), the one giving E: the latest issued,
    and the first recorded between two issued on one day."""
    return max(plans, key=lambda p: p.issued_on, default=None)


def need_types(needs):
    """(rank 1 type, rank 2 type) of the needs holding: for each rank the first recorded."""
    first: dict[int, str] = {}
    for need in sorted(needs, key=lambda n: (n.recorded_on, n.order)):
        first.setdefault(need.rank, need.need_type)
    return first.get(1, ""), first.get(2, "")


def decisions_holding(records):
    """The pupil's SENCO decisions with the dates they hold. The SEN support a pupil arrives
    with from their previous school is kept until this school first assesses them on its
    own grid: from that day the grid (and this school's own decisions) speak."""
    first_assessed = min((a.assessed_on for a in records.assessments), default=None)
    if first_assessed is None:
        return records.decisions
    return [
        replace(d, withdrawn_on=min(d.withdrawn_on or first_assessed, first_assessed))
        if d.transferred
        else d
        for d in records.decisions
    ]


def facts_on(records, on):
    """The Facts of one day, read straight from the records."""
    return Facts(
        on_roll=records.on_roll(on),
        current=current_levels(records.assessments, on),
        criteria=frozenset(c.slug for c in records.criteria if c.in_force_on(on)),
        decision=decision_in_force([d for d in decisions_holding(records) if d.in_force_on(on)]),
        plan=plan_in_force([p for p in records.plans if p.in_force_on(on)]),
        need_types=need_types([n for n in records.needs if n.in_force_on(on)]),
        support_plan=any(s.in_force_on(on) for s in records.support_plans),
    )


# --- The rules ---------------------------------------------------------------------------


def named_criteria(recorded, areas_at_two):
    """The level-2 criteria holding, in the guidance's order: those recorded, plus
    `multiple_areas` by itself when two or more *broad areas* (not strands) are at level 2 or
    above."""
    holding = set(recorded)
    if areas_at_two >= 2:
        holding.add("multiple_areas")
    return [slug for slug in CRITERIA_ORDER if slug in holding]


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
            named = "; ".join(criterion_name(slug) for slug in criteria)
            return "K", f"level 2 with {'criteria' if len(criteria) > 1 else 'criterion'}: {named}"
        return "N", "level 2, no criteria recorded"
    return "N", f"level 1 in {where}"


def area_levels(current):
    """Broad area slug -> the highest current level of its strands."""
    levels: dict[str, int] = {}
    for assessment in current.values():
        area = assessment.strand.area
        levels[area] = max(assessment.level, levels.get(area, 0))
    return levels


def grid_code(current, recorded_criteria):
    """Step 2: the code the grid gives, its basis, and the highest current level."""
    if not current:
        return *grid_wording(None, [], []), None
    highest = max(a.level for a in current.values())
    strands = sorted(
        (a.strand for a in current.values() if a.level == highest), key=lambda s: s.position
    )
    criteria = []
    if highest == 2:
        at_two = sum(1 for level in area_levels(current).values() if level >= 2)
        criteria = named_criteria(recorded_criteria, at_two)
    return *grid_wording(highest, [s.name for s in strands], criteria), highest


def plan_basis(issued_on):
    return f"EHC plan issued {in_words(issued_on)}"


def decision_basis(decision):
    if decision.transferred:
        return f"{decision.reason}, until assessed on this school's grid"
    return f"SENCO decision: {decision.reason}"


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


def settle(code, basis, highest, *, plan, decision):
    """Steps 1 and 3 over the grid's answer: an active EHC plan gives E whatever the grid
    says (and no SENCO decision can change it); otherwise a SENCO decision in force replaces
    the grid's code."""
    if plan is not None:
        return Derivation("E", plan_basis(plan.issued_on), code, basis, highest, plan=plan)
    if decision is not None:
        return Derivation(decision.code, decision_basis(decision), code, basis, highest, decision)
    return Derivation(code, basis, code, basis, highest)


def derivation_of(facts):
    """The census code with the rule that gave it; None when the pupil is not on roll."""
    if not facts.on_roll:
        return None
    code, basis, highest = grid_code(facts.current, facts.criteria)
    return settle(code, basis, highest, plan=facts.plan, decision=facts.decision)


def derive(records, on):
    """The census code for a pupil on `on`, with the rule that gave it; None if the pupil is
    not on roll that day."""
    return derivation_of(facts_on(records, on))


def register_status(derivation):
    """E is the EHC plan stage and K SEN support; a pupil coded N is monitored (a record of
    concern) when a need is noted: a current level of 2 or more, or a SENCO decision that
    their needs are met without SEN support."""
    if derivation is None:
        return None
    if derivation.code == "E":
        return EHC_PLAN
    if derivation.code == "K":
        return SEN_SUPPORT
    if derivation.decision is not None or (derivation.highest_level or 0) >= 2:
        return MONITORING
    return NONE


@dataclass(frozen=True)
class Standing:
    """All the register reads off a pupil's records on a day. Two days with equal Standings
    need not be told apart, so a pupil's history is kept as the periods between changes."""

    on_roll: bool
    code: str = ""  # E, K or N; "" when not on roll
    basis: str = NOT_ON_ROLL
    grid_code: str = ""
    grid_basis: str = ""
    highest_level: int | None = None
    area_levels: tuple[tuple[str, int], ...] = ()  # (broad area slug, highest level), sorted
    status: str = ""  # a key of STATUS_LABELS; "" when not on roll
    level_two_unclear: bool = False
    departs_from_grid: bool = False
    k_without_plan: bool = False  # Sheffield: every pupil at K needs a support plan
    sen_type_1: str = ""
    sen_type_2: str = ""
    decision_code: str = ""  # the SENCO decision in force, if it replaced the grid
    decided_on: date | None = None
    decision_transferred: bool = False  # that decision came from the previous school


def standing_of(facts):
    """The Standing the rules give for a day's Facts."""
    derivation = derivation_of(facts)
    if derivation is None:
        return Standing(on_roll=False)
    decision = derivation.decision
    return Standing(
        on_roll=True,
        code=derivation.code,
        basis=derivation.basis,
        grid_code=derivation.grid_code,
        grid_basis=derivation.grid_basis,
        highest_level=derivation.highest_level,
        area_levels=tuple(sorted(area_levels(facts.current).items())),
        status=register_status(derivation),
        level_two_unclear=derivation.level_two_unclear,
        departs_from_grid=derivation.departs_from_grid,
        k_without_plan=derivation.code == "K" and not facts.support_plan,
        sen_type_1=facts.need_types[0],
        sen_type_2=facts.need_types[1],
        decision_code=decision.code if decision else "",
        decided_on=decision.decided_on if decision else None,
        decision_transferred=decision.transferred if decision else False,
    )


def standing_on(records, on):
    return standing_of(facts_on(records, on))
