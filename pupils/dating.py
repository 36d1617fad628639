"""When a dated record holds on a day. Every part of the register asks these: the querysets
(as filters), the census rules (on plain records), the import and the forms. They are the
one statement of each rule; nothing else compares a record's dates with a day.

Two kinds of span, because the guidance dates them differently:
- *in force*: a record that starts on a day and may end on another holds from its start up
  to, not including, its end; an end takes effect on its own date (level-2 criteria, SENCO
  decisions, need types, support plans);
- *within*: a span whose last day still counts (on roll from joining to leaving, both days
  included; an EHC plan from issue to the day it ceases, so a plan ceasing on census day
  still counts on that day).

And the current level of a strand: the latest assessment of it dated on or before the day,
the later recorded winning between two of one day.
"""

from collections.abc import Callable, Iterable
from datetime import date
from operator import attrgetter
from typing import Any, Protocol, TypeVar

from django.db.models import Q


class Assessed(Protocol):
    """An assessment: a model row or a plain record of one, anything with its date."""

    @property
    def assessed_on(self) -> date: ...


A = TypeVar("A", bound=Assessed)


def in_force(starts_on: date | None, ends_on: date | None, on: date) -> bool:
    return starts_on is not None and starts_on <= on and (ends_on is None or ends_on > on)


def in_force_q(on: date, start: str, end: str) -> Q:
    """`in_force` as a queryset filter on the fields `start` and `end`."""
    return Q(**{f"{start}__lte": on}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": on}))


def within(first_day: date | None, last_day: date | None, on: date) -> bool:
    """Both edge days count; a missing first or last day is open."""
    return (first_day is None or first_day <= on) and (last_day is None or last_day >= on)


def within_q(on: date, first: str, last: str, *, first_required: bool = False) -> Q:
    """`within` as a queryset filter on the fields `first` and `last`."""
    started = Q(**{f"{first}__lte": on})
    if not first_required:
        started |= Q(**{f"{first}__isnull": True})
    return started & (Q(**{f"{last}__isnull": True}) | Q(**{f"{last}__gte": on}))


def on_roll(joined_on: date | None, left_on: date | None, on: date) -> bool:
    """Joined on or before the day and not left before it."""
    return within(joined_on, left_on, on)


def on_roll_q(on: date, prefix: str = "") -> Q:
    return within_q(on, f"{prefix}joined_on", f"{prefix}left_on")


def ehc_plan_in_force(issued_on: date | None, ceased_on: date | None, on: date) -> bool:
    """Issued on or before the day and not ceased before it."""
    return issued_on is not None and within(issued_on, ceased_on, on)


def ehc_plan_in_force_q(on: date, prefix: str = "") -> Q:
    return within_q(on, f"{prefix}issued_on", f"{prefix}ceased_on", first_required=True)


def current_of(
    held: A | None, assessment: A, *, recorded: Callable[[A], Any] = attrgetter("pk")
) -> A:
    """Of the assessment held for a strand and another of it, the current one: the later
    dated, and between two of one day the later recorded (`recorded` orders them: the row id,
    or the order of a plain record)."""
    if held is None or (assessment.assessed_on, recorded(assessment)) > (
        held.assessed_on,
        recorded(held),
    ):
        return assessment
    return held


def current_by_strand(
    assessments: Iterable[A],
    on: date,
    *,
    strand: Callable[[A], Any] = attrgetter("strand_id"),
    recorded: Callable[[A], Any] = attrgetter("pk"),
) -> dict[Any, A]:
    """Strand -> the assessment current on `on`. The defaults read model rows; the census
    rules pass their own accessors for plain records."""
    current: dict[Any, A] = {}
    for assessment in assessments:
        if assessment.assessed_on <= on:
            key = strand(assessment)
            current[key] = current_of(current.get(key), assessment, recorded=recorded)
    return current
