"""A pupil's dated timeline: everything recorded, and the register status it gave, newest
first. Built from records already read for the pupil page: no queries of its own."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from census.derivation import STATUS_LABELS
from census.models import StandingPeriod
from census.periods import status_history
from pupils.dating import in_force
from pupils.grid import meaning_of
from pupils.models import EHCPlan, LevelTwoCriterion, NeedAssessment, SencoDecision, SENNeed


@dataclass(frozen=True)
class Event:
    on: date
    kind: str  # assessment, criterion, decision, need, ehc_plan, status
    text: str
    detail: str = ""


@dataclass
class PupilSENRecords:
    """A pupil's SEN records as model instances, read once for a page, with the periods of
    their standing the census keeps from them."""

    assessments: list[NeedAssessment]
    criteria: list[LevelTwoCriterion]
    decisions: list[SencoDecision]
    needs: list[SENNeed]
    ehc_plans: list[EHCPlan]
    standings: list[StandingPeriod]  # oldest first

    def standing_on(self, on):
        """The census standing on a day (code, basis, status...)."""
        return next(p for p in self.standings if in_force(p.valid_from, p.valid_to, on))


# The SEN records many pupils have none of: a caller that knows which of these a pupil has
# rows of (pages.record) passes them, and the empty ones are not read.
SELDOM_HELD = ("level_two_criteria", "senco_decisions", "ehc_plans")


def load_sen_records(pupil, held=SELDOM_HELD):
    """At most six queries: the whole history of the pupil's grid, criteria, decisions, needs,
    EHC plans and standing. `held`: which of SELDOM_HELD the pupil has rows of (all, unless
    told); the others are empty and not read."""

    def rows(name, records):
        return list(records) if name in held else []

    return PupilSENRecords(
        assessments=list(
            pupil.assessments.select_related("strand__area", "assessed_by").order_by(
                "assessed_on", "pk"
            )
        ),
        criteria=rows("level_two_criteria", pupil.level_two_criteria.all()),
        decisions=rows("senco_decisions", pupil.senco_decisions.select_related("decided_by")),
        needs=list(pupil.sen_needs.all()),
        ehc_plans=rows("ehc_plans", pupil.ehc_plans.all()),
        standings=list(pupil.standings.order_by("valid_from")),
    )


def _by(user):
    return f" by {user}" if user else ""


# On one day a status change shows above the record that caused it.
ORDER = {"status": 0, "ehc_plan": 1, "decision": 2, "criterion": 3, "need": 4, "assessment": 5}


def timeline(held, *, meanings, until):
    """The pupil's events from their loaded SEN records (`load_sen_records`), newest first.
    `meanings`: what each level means on each grid the pupil was assessed on
    (pupils.grid.meanings_of_grids)."""
    events = [
        *_assessment_events(held.assessments, meanings),
        *_criterion_events(held.criteria),
        *_decision_events(held.decisions),
        *_need_events(held.needs),
        *_ehc_plan_events(held.ehc_plans),
        *_status_events(held.standings, until),
    ]
    return sorted(events, key=lambda e: (e.on, -ORDER[e.kind]), reverse=True)


def _assessment_events(assessments, meanings):
    """One event per day and assessor, naming every strand assessed then."""
    by_day = defaultdict(list)
    for a in assessments:
        by_day[(a.assessed_on, a.assessed_by)].append(a)
    for (day, user), group in by_day.items():
        levels = "; ".join(_level_in_words(a, meanings) for a in group)
        notes = "; ".join(sorted({a.note for a in group if a.note}))
        yield Event(day, "assessment", f"Grid assessed{_by(user)}: {levels}", notes)


def _level_in_words(assessment, meanings):
    meaning = meaning_of(assessment, meanings)
    title = f" ({meaning.title})" if meaning else ""
    return f"{assessment.strand.name} level {assessment.level}{title}"


def _criterion_events(criteria):
    for c in criteria:
        label = c.get_criterion_display()
        yield Event(c.recorded_on, "criterion", f"Level-2 reason recorded: {label}", c.note)
        if c.withdrawn_on:
            yield Event(
                c.withdrawn_on, "criterion", f"Level-2 reason withdrawn: {label}", c.withdrawal_note
            )


def _decision_events(decisions):
    for d in decisions:
        yield Event(
            d.decided_on, "decision", f"SENCO decision {d.code}{_by(d.decided_by)}", d.reason
        )
        if d.withdrawn_on:
            yield Event(
                d.withdrawn_on, "decision", f"SENCO decision {d.code} withdrawn", d.withdrawal_note
            )


def _need_events(needs):
    for n in needs:
        yield Event(
            n.recorded_on,
            "need",
            f"Need type rank {n.rank}: {n.get_need_type_display()} ({n.need_type})",
        )
        if n.ended_on:
            yield Event(n.ended_on, "need", f"Need type rank {n.rank} ended: {n.need_type}")


def _ehc_plan_events(plans):
    for p in plans:
        issuer = f" by {p.local_authority}" if p.local_authority else ""
        yield Event(p.issued_on, "ehc_plan", f"EHC plan issued{issuer}")
        if p.ceased_on:
            yield Event(p.ceased_on, "ehc_plan", "EHC plan ceased", p.ceasing_note)


def _status_events(standings, until):
    for on, standing in status_history(standings, until):
        label = STATUS_LABELS[standing.status]
        yield Event(on, "status", f"Register status: {label}", standing.basis)
