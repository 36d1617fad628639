"""Conditions written once for one model, used on another that reaches it."""

from typing import Any, cast

from django.db.models import F, Q


def through(condition: Q, relation: str) -> Q:
    """`condition`, written for a model, as a condition on a model that reaches it through
    `relation`: through(Q(school_id=1), "pupil") is Q(pupil__school_id=1).

    Filtering on the joined row, rather than `pupil__in=<subquery>`, lets the database walk
    the join in the order asked and stop at a page (a pupil's standings sorted by name)."""
    moved = Q()
    moved.connector, moved.negated = condition.connector, condition.negated
    for child in cast(list[Any], condition.children):
        if isinstance(child, Q):
            moved.children.append(through(child, relation))
        else:
            lookup, value = cast(tuple[str, Any], child)
            if isinstance(value, F):
                value = F(f"{relation}__{cast(Any, value).name}")
            moved.children.append((f"{relation}__{lookup}", value))
    return moved
