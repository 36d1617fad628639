"""A pupil's Standings over all time, as the periods between the days anything changes.

A Standing can only change on a day one of the pupil's records starts or stops counting, so
the records are swept once in date order, keeping what holds as each day's changes are
applied, and the rules (`census.derivation.standing_of`) are asked once per such day: the
cost follows the number of records, not the number of days. The rules themselves are not
restated here; a property test holds every day of every period to
`census.derivation.standing_on`, which reads the records afresh for the day.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from pupils import dating

from .derivation import (
    Assessment,
    Decision,
    Facts,
    Plan,
    Standing,
    decision_in_force,
    decisions_holding,
    latest_assessment,
    need_types,
    plan_in_force,
    standing_of,
)

# The ends of time, as dates both databases store and compare: a period that has always held
# starts on FIRST_DAY, one that still holds ends on LAST_DAY.
FIRST_DAY = date(1, 1, 1)
LAST_DAY = date(9999, 12, 31)


@dataclass(frozen=True)
class Period:
    valid_from: date
    valid_to: date  # the first day it no longer holds
    standing: Standing

    def in_force_on(self, on):
        return dating.in_force(self.valid_from, self.valid_to, on)


class _Holding:
    """What holds after the changes of the days swept so far."""

    def __init__(self, records):
        self.records = records
        self.on_roll = records.joined_on is None
        self.current: dict[str, Assessment] = {}
        self.criteria: Counter[str] = Counter()
        self.decisions: set[Decision] = set()
        self.plans: dict[int, Plan] = {}  # position in the records -> Plan
        self.needs = set()
        self.support_plans = 0

    def facts(self):
        return Facts(
            on_roll=self.on_roll,
            current=dict(self.current),
            rules=self.records.rules,
            criteria=frozenset(slug for slug, count in self.criteria.items() if count > 0),
            decision=decision_in_force(self.decisions),
            plan=plan_in_force(self.plans[i] for i in sorted(self.plans)),
            need_types=need_types(self.needs),
            support_plan=self.support_plans > 0,
        )


def _day_after(day):
    return day + timedelta(days=1) if day < LAST_DAY else None


def _changes(records):
    """Day -> the changes that take effect on it, each a function of the _Holding."""
    changes = defaultdict(list)

    def on(day, change):
        if day is not None and day < LAST_DAY:
            changes[day].append(change)

    def set_on_roll(value):
        return lambda held: setattr(held, "on_roll", value)

    on(records.joined_on, set_on_roll(True))
    if records.left_on is not None:
        on(_day_after(records.left_on), set_on_roll(False))
    for a in records.assessments:
        on(a.assessed_on, lambda held, a=a: _assess(held, a))
    for c in records.criteria:
        on(c.recorded_on, lambda held, c=c: held.criteria.update([c.slug]))
        on(c.withdrawn_on, lambda held, c=c: held.criteria.subtract([c.slug]))
    for d in decisions_holding(records):
        on(d.decided_on, lambda held, d=d: held.decisions.add(d))
        on(d.withdrawn_on, lambda held, d=d: held.decisions.discard(d))
    for i, p in enumerate(records.plans):
        on(p.issued_on, lambda held, i=i, p=p: held.plans.__setitem__(i, p))
        # A plan still counts on the day it ceases.
        if p.ceased_on is not None:
            on(_day_after(p.ceased_on), lambda held, i=i: held.plans.pop(i, None))
    for n in records.needs:
        on(n.recorded_on, lambda held, n=n: held.needs.add(n))
        on(n.ended_on, lambda held, n=n: held.needs.discard(n))
    for s in records.support_plans:
        on(s.starts_on, lambda held: setattr(held, "support_plans", held.support_plans + 1))
        on(s.ended_on, lambda held: setattr(held, "support_plans", held.support_plans - 1))
    return changes


def _assess(held, assessment):
    slug = assessment.strand.slug
    held.current[slug] = latest_assessment(held.current.get(slug), assessment)


def periods(records):
    """The pupil's Periods in date order, from FIRST_DAY to LAST_DAY without gaps; two
    neighbours never hold equal Standings."""
    held = _Holding(records)
    changes = _changes(records)
    found = []
    start, standing = FIRST_DAY, standing_of(held.facts())
    for day in sorted(changes):
        for change in changes[day]:
            change(held)
        now = standing_of(held.facts())
        if now != standing:
            if day > start:
                found.append(Period(start, day, standing))
            start, standing = day, now
    found.append(Period(start, LAST_DAY, standing))
    return found


def status_history(periods, until):
    """Each change of register status up to `until`, oldest first, as the periods it begins
    (anything with `valid_from` and a Standing's fields, kept or worked out). Days the pupil
    was not on roll are passed over: leaving and coming back at the same stage is no change."""
    changes, current = [], "none"
    for period in periods:
        if period.valid_from > until:
            break
        standing = getattr(period, "standing", period)
        if not standing.on_roll or standing.status == current:
            continue
        changes.append((period.valid_from, standing))
        current = standing.status
    return changes
