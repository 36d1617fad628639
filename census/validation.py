"""Census validation (docs/census-rules.md): the DfE's errors and queries with their rule
numbers, and the register checks from the Code of Practice and the Sheffield guidance.

The list of checks is open: a module registers a check with `@census_check`, and it runs on
every census page, export check and `census_validate`. Plan-based checks register themselves
from the support plans app.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from pupils.ehc_clock import review_due
from pupils.models import NeedAssessment, NeedType, SENNeed
from sen_register.core.dates import in_words
from sen_register.core.models import School

from .returns import census_standings, ehc_plans_in_force, needs_on

ERROR, QUERY, WARNING = "error", "query", "warning"
NEED_CODES = {n.value for n in NeedType}


@dataclass(frozen=True)
class Finding:
    rule: str  # the DfE rule number, or a short name for a register check
    severity: str  # error (blocks a clean return), query (the school confirms), warning
    message: str
    upn: str = "-"  # "-" for a finding about the whole school
    pupil_id: int | None = None
    pupil_name: str = ""

    def line(self):
        return f"{self.rule} {self.upn} {self.message}"


@dataclass
class CensusContext:
    school: School
    on: date  # the census day
    rows: list  # one standing per pupil on roll, with its pupil (returns.CensusRow or a model)
    needs: dict[int, list[SENNeed]] = field(default_factory=dict)  # held on the day, by pupil
    # Each pupil's current assessment of each strand on the day, when the caller holds them
    # already (one pupil's record); otherwise the checks read them.
    assessments: dict[int, list[NeedAssessment]] | None = None

    @classmethod
    def of_school(cls, school, on):
        """Every pupil on roll at `school` on `on`. Two queries."""
        rows = census_standings(school, on)
        return cls(school, on, rows, needs_on(school.pupils.all(), on))

    def needs_of(self, row):
        return self.needs.get(row.pupil_id, [])


_CHECKS: list = []  # the census_check functions, in the order registered

# What each rule checks, in words, shown beside its number wherever findings are listed. A
# module that registers a check adds its rules here.
RULE_TITLES = {
    "2125": "DfE error: a need type is recorded but the SEN provision is N",
    "2130": "DfE error: a need type is required where a rank is given",
    "2140": "DfE error: a need type's rank is missing or not 1 or 2",
    "2160": "DfE error: a pupil's only need type must be ranked 1",
    "2165": "DfE error: two need types have the same rank",
    "2166": "DfE error: more than two need types",
    "2170": "DfE error: SEN provision K or E with no need type",
    "2175": "DfE error: NSA (SEN support but no specialist assessment) used with E or N",
    "2190": "DfE query: more than 10% of pupils have an EHC plan",
    "2200": "DfE query: no pupil has SEN provision K or E",
    "2205": "DfE query: more than 40% of pupils are at SEN support",
    "SSG-L2": "Support grid: level 2 with no reason recorded for SEN support",
    "SSG-DECISION": "Support grid: a SENCO decision is in force; look at it again each census",
    "COP-6.56": "Code of Practice 6.56: an EHC plan's annual review is overdue",
    "SSG-STALE": "Support grid: a level of 2 or more not reassessed in 12 months",
    "SSG-TRANSFER": "Support grid: SEN support from the previous school, not yet assessed here",
}


def rule_title(rule):
    return RULE_TITLES.get(rule, "")


def census_check(function):
    """Register a check: a function of a CensusContext yielding Findings."""
    _CHECKS.append(function)
    return function


def validate(context, checks=None):
    """Every finding of every registered check (or of the given checks), errors first, then
    queries, then warnings."""
    order = {ERROR: 0, QUERY: 1, WARNING: 2}
    findings = [finding for check in (checks or _CHECKS) for finding in check(context)]
    return sorted(findings, key=lambda f: (order[f.severity], f.rule, f.upn))


@dataclass(frozen=True)
class FindingGroup:
    rule: str
    shared_message: str  # the message when every finding in the group says the same, else ""
    findings: list[Finding]
    limit: int | None = None  # how many a page lists (None: all)

    @property
    def title(self):
        return rule_title(self.rule)

    @property
    def shown(self):
        return self.findings if self.limit is None else self.findings[: self.limit]

    @property
    def not_shown(self):
        return len(self.findings) - len(self.shown)


def grouped(findings):
    """Findings of one rule together, in order, so a long list reads as a few groups."""
    groups: dict[str, list] = {}
    for finding in findings:
        groups.setdefault(finding.rule, []).append(finding)
    return [
        FindingGroup(rule, items[0].message if len({f.message for f in items}) == 1 else "", items)
        for rule, items in groups.items()
    ]


FEW = 100  # pupils whose records a check asks for by id; more, and it asks for the school's


def records_of(school, pupil_ids):
    """A condition on records (with a `pupil`) of `pupil_ids` at `school`: the ids themselves
    when they are few (one pupil's record page), the school's when they are many (thousands
    of ids cost more to send and plan than the school's other rows, which the checks skip)."""
    pupil_ids = list(pupil_ids)
    return Q(pupil_id__in=pupil_ids) if len(pupil_ids) <= FEW else Q(pupil__school=school)


def about(row, rule, severity, message):
    """A finding about the pupil of a row."""
    pupil = row.pupil
    return Finding(
        rule, severity, message, upn=pupil.upn, pupil_id=pupil.pk, pupil_name=pupil.display_name
    )


def _valid_types_required(row, code, needs):
    """2170: provision K or E needs a valid SEN type; each type given must be one of the
    DfE's codes."""
    unknown = [n.need_type for n in needs if n.need_type and n.need_type not in NEED_CODES]
    for need_type in unknown:
        yield about(row, "2170", ERROR, f"SEN type {need_type!r} is not one of the DfE's codes")
    if not any(n.need_type in NEED_CODES for n in needs) and not unknown:
        yield about(row, "2170", ERROR, f"SEN provision is {code} but no SEN type is recorded")


@census_check
def dfe_need_rules(context):
    for row in context.rows:
        code, needs = row.code, context.needs_of(row)
        for need in needs:
            if need.rank is not None and not need.need_type:
                yield about(row, "2130", ERROR, f"a rank ({need.rank}) is given with no SEN type")
            if need.rank is None:
                yield about(row, "2140", ERROR, "an SEN type has no rank")
            elif need.rank not in (1, 2):
                yield about(row, "2140", ERROR, f"SEN type rank {need.rank!r} is not 1 or 2")
        if code == "N" and needs:
            yield about(
                row,
                "2125",
                ERROR,
                "SEN need recorded but SEN provision is N; end the need type or review the code",
            )
        if code in ("K", "E"):
            yield from _valid_types_required(row, code, needs)
        if len(needs) == 1 and needs[0].rank != 1:
            yield about(row, "2160", ERROR, "a single SEN type must have rank 1")
        ranks = [n.rank for n in needs]
        if len(set(ranks)) != len(ranks):
            yield about(row, "2165", ERROR, "two SEN types share a rank")
        if len(needs) > 2:
            yield about(row, "2166", ERROR, f"{len(needs)} SEN types recorded; at most two")
        if code != "K" and any(n.need_type == "NSA" for n in needs):
            yield about(row, "2175", ERROR, f"NSA is only for SEN support (K), not {code}")


@census_check
def dfe_school_queries(context):
    total = len(context.rows)
    codes = [row.code for row in context.rows]
    with_plan, on_support = codes.count("E"), codes.count("K")
    if total and with_plan / total > 0.10:
        yield Finding(
            "2190",
            QUERY,
            f"{with_plan} of {total} pupils ({with_plan / total:.1%}) have an "
            "EHC plan: more than 10%",
        )
    if total and on_support / total > 0.40:
        yield Finding(
            "2205",
            QUERY,
            f"{on_support} of {total} pupils ({on_support / total:.1%}) are at "
            "SEN support: more than 40%",
        )
    if total and not (with_plan or on_support):
        yield Finding("2200", QUERY, "no pupil has SEN provision K or E")


@census_check
def grid_checks(context):
    for row in context.rows:
        if row.level_two_unclear:
            yield about(
                row,
                "SSG-L2",
                WARNING,
                "level 2 with no criterion recorded: record the "
                "reason for SEN support, or confirm N (Sheffield guidance)",
            )
        if row.decision_transferred:
            yield about(
                row,
                "SSG-TRANSFER",
                WARNING,
                f"SEN support carried over from the previous school (since "
                f"{in_words(row.decided_on)}): assess the pupil on this school's grid",
            )
        elif row.decision_code:
            agreement = "differs from" if row.departs_from_grid else "agrees with"
            yield about(
                row,
                "SSG-DECISION",
                WARNING,
                f"SENCO decision {row.decision_code} from "
                f"{in_words(row.decided_on)} {agreement} the grid "
                f"({row.grid_code}: {row.grid_basis}); look at it again",
            )


STALE_AFTER = timedelta(days=365)


@census_check
def stale_levels(context):
    """Code of Practice 6.46: needs are looked at again; a level that gives a pupil SEN support
    (or is close to it) and was last assessed over 12 months ago asks to be reassessed. One
    query for the school."""
    rows = {row.pupil_id: row for row in context.rows if (row.highest_level or 0) >= 2}
    if not rows:
        return
    before = context.on - STALE_AFTER
    if context.assessments is None:
        current = NeedAssessment.objects.current_on(context.on).filter(
            pupil_id__in=list(rows), level__gte=2, assessed_on__lt=before
        )
        old = current.select_related("strand").order_by("pupil_id", "strand__position")
    else:
        old = [
            a
            for pupil_id in rows
            for a in context.assessments.get(pupil_id, [])
            if a.level >= 2 and a.assessed_on < before
        ]
    stale: dict[int, list[str]] = {}
    for assessment in old:
        stale.setdefault(assessment.pupil_id, []).append(
            f"{assessment.strand.name} level {assessment.level} "
            f"(assessed {in_words(assessment.assessed_on)})"
        )
    for pupil_id, strands in stale.items():
        yield about(
            rows[pupil_id],
            "SSG-STALE",
            WARNING,
            f"not reassessed in 12 months: {'; '.join(strands)}",
        )


@census_check
def ehc_annual_reviews(context):
    """Code of Practice 6.56: an EHC plan is reviewed at least every 12 months (earlier in a
    year of transfer between phases; pupils.ehc_clock)."""
    with_plan = {row.pupil_id: row for row in context.rows if row.code == "E"}
    for pupil_id, plan in ehc_plans_in_force(list(with_plan), context.on).items():
        due = review_due(plan, context.on)
        if due < context.on:
            last = plan.last_annual_review_on or plan.issued_on
            yield about(
                with_plan[pupil_id],
                "COP-6.56",
                WARNING,
                f"EHC plan last reviewed {in_words(last)}: the annual review was due by "
                f"{in_words(due)}",
            )
