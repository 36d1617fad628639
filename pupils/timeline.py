"""A pupil's dated timeline: everything recorded, and the register status it gave, newest
first. Built from records already read for the pupil page: no queries of its own."""

from collections import defaultdict
from dataclasses import dataclass

from census import derivation as rules
from census.status import status_history


@dataclass(frozen=True)
class Event:
    on: object
    kind: str  # assessment, criterion, decision, need, ehc_plan, status
    text: str
    detail: str = ""


@dataclass
class PupilSENRecords:
    """A pupil's SEN records as model instances, read once for a page, plus the census
    derivation's view of them."""

    assessments: list
    criteria: list
    decisions: list
    needs: list
    ehc_plans: list
    census: object  # census.derivation.PupilRecords


def load_sen_records(pupil):
    """Five queries: the whole history of the pupil's grid, criteria, decisions, needs and
    EHC plans."""
    assessments = list(
        pupil.assessments.select_related("strand__area", "assessed_by").order_by(
            "assessed_on", "pk"
        )
    )
    criteria = list(pupil.level_two_criteria.all())
    decisions = list(pupil.senco_decisions.select_related("decided_by"))
    needs = list(pupil.sen_needs.all())
    ehc_plans = list(pupil.ehc_plans.all())
    return PupilSENRecords(
        assessments,
        criteria,
        decisions,
        needs,
        ehc_plans,
        census_records(pupil, assessments, criteria, decisions, ehc_plans),
    )


def census_records(pupil, assessments, criteria, decisions, plans):
    """The derivation's records from model instances (assessments with strand and area)."""
    return rules.PupilRecords(
        joined_on=pupil.joined_on,
        left_on=pupil.left_on,
        assessments=[
            rules.Assessment(
                rules.StrandInfo(
                    a.strand.slug, a.strand.name, a.strand.area.slug, a.strand.position
                ),
                a.level,
                a.assessed_on,
                a.pk,
            )
            for a in assessments
        ],
        criteria=[rules.Criterion(c.criterion, c.recorded_on, c.withdrawn_on) for c in criteria],
        decisions=[
            rules.Decision(d.code, d.reason, d.decided_on, d.pk, d.withdrawn_on) for d in decisions
        ],
        plans=[rules.Plan(p.issued_on, p.ceased_on, p.last_annual_review_on) for p in plans],
    )


def _by(user):
    return f" by {user}" if user else ""


def timeline(held, *, descriptors, until):
    """The pupil's events from their loaded SEN records (`load_sen_records`), newest first."""
    records, assessments, criteria = held.census, held.assessments, held.criteria
    decisions, needs, plans = held.decisions, held.needs, held.ehc_plans
    events = []
    by_day = defaultdict(list)
    for a in assessments:
        by_day[(a.assessed_on, a.assessed_by)].append(a)
    for (day, user), group in by_day.items():
        levels = "; ".join(
            f"{a.strand.name} level {a.level} ({descriptors[a.level].title})" for a in group
        )
        notes = "; ".join(sorted({a.note for a in group if a.note}))
        events.append(Event(day, "assessment", f"Grid assessed{_by(user)}: {levels}", notes))
    for c in criteria:
        label = c.get_criterion_display()
        events.append(
            Event(c.recorded_on, "criterion", f"Level-2 reason recorded: {label}", c.note)
        )
        if c.withdrawn_on:
            events.append(
                Event(
                    c.withdrawn_on,
                    "criterion",
                    f"Level-2 reason withdrawn: {label}",
                    c.withdrawal_note,
                )
            )
    for d in decisions:
        events.append(
            Event(d.decided_on, "decision", f"SENCO decision {d.code}{_by(d.decided_by)}", d.reason)
        )
        if d.withdrawn_on:
            events.append(
                Event(
                    d.withdrawn_on,
                    "decision",
                    f"SENCO decision {d.code} withdrawn",
                    d.withdrawal_note,
                )
            )
    for n in needs:
        events.append(
            Event(
                n.recorded_on,
                "need",
                f"Need type rank {n.rank}: {n.get_need_type_display()} ({n.need_type})",
            )
        )
        if n.ended_on:
            events.append(
                Event(n.ended_on, "need", f"Need type rank {n.rank} ended: {n.need_type}")
            )
    for p in plans:
        issuer = f" by {p.local_authority}" if p.local_authority else ""
        events.append(Event(p.issued_on, "ehc_plan", f"EHC plan issued{issuer}"))
        if p.ceased_on:
            events.append(Event(p.ceased_on, "ehc_plan", "EHC plan ceased", p.ceasing_note))
    for change in status_history(records, until):
        events.append(Event(change.on, "status", f"Register status: {change.label}", change.basis))
    # Newest first; on one day a status change shows above the record that caused it.
    order = {"status": 0, "ehc_plan": 1, "decision": 2, "criterion": 3, "need": 4, "assessment": 5}
    return sorted(events, key=lambda e: (e.on, -order[e.kind]), reverse=True)
