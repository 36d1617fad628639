"""School Census SEN provision (E, K, N) from the grid, EHC plans and SENCO decisions, and
everything else the register reads off a pupil's records on a day: register status, highest
level, levels by broad area, need types, and the flags the SENCO is asked to look at.

What the grid alone gives is the school's framework's rule set (census.frameworks: Sheffield's
K-code guidance by default, docs/census-engine.md); the steps every framework shares (an EHC
plan gives E, a SENCO decision replaces the grid's K or N) are here. This is the only place
they are written: everything here is a pure function of plain records and a date, so the
same inputs always give the same answer and past census days can be recomputed.
`census.periods` sweeps a pupil's records into the dated periods the database keeps;
`census.keeping` loads the records and writes the periods.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from operator import attrgetter

from pupils import dating
from sen_register.core.dates import in_words

from .frameworks import DEFAULT_RULES, rules_named
from .frameworks.grid_answer import area_levels

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
    rules: str = DEFAULT_RULES  # the name of their school's framework's rule set

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
    rules: str = DEFAULT_RULES
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
        rules=records.rules,
        criteria=frozenset(c.slug for c in records.criteria if c.in_force_on(on)),
        decision=decision_in_force([d for d in decisions_holding(records) if d.in_force_on(on)]),
        plan=plan_in_force([p for p in records.plans if p.in_force_on(on)]),
        need_types=need_types([n for n in records.needs if n.in_force_on(on)]),
        support_plan=any(s.in_force_on(on) for s in records.support_plans),
    )


# --- The rules ---------------------------------------------------------------------------


def grid_code(facts):
    """Step 2: what the grid alone gives by the framework's rules (a GridAnswer)."""
    return rules_named(facts.rules).grid_code(facts.current, facts.criteria)


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
    grid_unclear: bool = False  # the grid's answer is the case its guidance calls unclear

    @property
    def level_two_unclear(self):
        """The grid's unclear case (in Sheffield's rules, level 2 with no recorded reason)
        that no SENCO decision has settled: the case the guidance asks the SENCO to look at."""
        return self.grid_unclear and self.decision is None

    @property
    def departs_from_grid(self):
        return self.decision is not None and self.decision.code != self.grid_code


def settle(grid, *, plan, decision):
    """Steps 1 and 3 over the grid's answer: an active EHC plan gives E whatever the grid
    says (and no SENCO decision can change it); otherwise a SENCO decision in force replaces
    the grid's code."""
    found = Derivation(
        grid.code, grid.basis, grid.code, grid.basis, grid.highest, grid_unclear=grid.unclear
    )
    if plan is not None:
        return replace(found, code="E", basis=plan_basis(plan.issued_on), plan=plan)
    if decision is not None:
        return replace(found, code=decision.code, basis=decision_basis(decision), decision=decision)
    return found


def derivation_of(facts):
    """The census code with the rule that gave it; None when the pupil is not on roll."""
    if not facts.on_roll:
        return None
    return settle(grid_code(facts), plan=facts.plan, decision=facts.decision)


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
