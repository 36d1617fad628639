"""Trends by term for an officer's schools under one framework, from their frozen censuses
(census.models.CensusSnapshot): each school's and the authority's shares coded E and K, the
share of level-2 pupils coded K, and the mix of primary need types at K and E.

Frozen censuses are what the schools returned, so a trend never moves when records are
corrected later. Every census day's figures go through the officer's disclosure rule
(census.disclosure): counts of 1 to 4, and any count that would give one back, are not shown,
and a share is shown only where both its counts are."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from pupils.models import NeedType
from sen_register.core.dates import in_words

from .disclosure import PUBLISHED, TOTAL, hidden_cells
from .models import CensusSnapshotRow

COUNTED = {
    "on_roll": Q(),
    "code_e": Q(sen_provision="E"),
    "code_k": Q(sen_provision="K"),
    "code_n": Q(sen_provision="N"),
    "level_2": Q(highest_level=2),
    "level_2_coded_k": Q(highest_level=2, sen_provision="K"),
}
SHARES = [  # (name, part, whole)
    ("E (EHC plan)", "code_e", "on_roll"),
    ("K (SEN support)", "code_k", "on_roll"),
    ("Level 2 coded K", "level_2_coded_k", "level_2"),
]
NOT_SHOWN = "not shown"
ALL_TYPES = "all"


@dataclass
class Term:
    """One census day: counts of each school that froze it, and the total, with what the
    disclosure rule hides."""

    on: object
    counts: dict = field(default_factory=dict)  # (school id or TOTAL, figure) -> count
    hidden: set = field(default_factory=set)

    @property
    def label(self):
        return in_words(self.on)

    def share(self, key, part, whole):
        """A percentage (one decimal), or None where not shown or not known."""
        if (key, part) not in self.counts or {(key, part), (key, whole)} & self.hidden:
            return None
        of = self.counts[(key, whole)]
        return round(100 * self.counts[(key, part)] / of, 1) if of else None


def frozen_terms(school_ids):
    """Census day -> Term for every day any of the schools froze, oldest first. One query."""
    rows = (
        CensusSnapshotRow.objects.filter(snapshot__school_id__in=school_ids)
        .values("snapshot__census_date", "snapshot__school_id")
        .order_by()
        .annotate(**{f"n_{name}": Count("pk", filter=q) for name, q in COUNTED.items()})
    )
    terms: dict = {}
    for row in rows:
        term = terms.setdefault(row["snapshot__census_date"], Term(row["snapshot__census_date"]))
        for name in PUBLISHED:
            term.counts[(row["snapshot__school_id"], name)] = row.get(f"n_{name}", 0)
    for term in terms.values():
        keys = {key for key, _ in term.counts}
        for name in PUBLISHED:
            term.counts[(TOTAL, name)] = sum(term.counts[(key, name)] for key in keys)
        term.hidden = hidden_cells(term.counts)
    return [terms[on] for on in sorted(terms)]


def need_mix(school_ids, days):
    """[(need type, [count, or None where not shown, for each day])]: the primary need of the
    pupils coded K or E across the schools, types ever held in the order of the DfE's list,
    then all of them. One query."""
    counted: dict = defaultdict(int)
    rows = (
        CensusSnapshotRow.objects.filter(
            snapshot__school_id__in=school_ids, sen_provision__in=["K", "E"]
        )
        .exclude(sen_type_1="")
        .values_list("snapshot__census_date", "sen_type_1")
        .order_by()
        .annotate(n=Count("pk"))
    )
    for on, need, n in rows:
        counted[(on, need)] = n
    types = [t for t in NeedType.values if any((on, t) in counted for on in days)]
    table: dict[str, list[int | None]] = {}
    for on in days:
        cells = {(on, t): counted[(on, t)] for t in types}
        cells[(on, ALL_TYPES)] = sum(cells.values())
        groups = [([(on, t) for t in types], (on, ALL_TYPES))]
        hidden = hidden_cells(cells, groups) if types else set()
        for t in [*types, ALL_TYPES]:
            table.setdefault(t, []).append(None if (on, t) in hidden else cells[(on, t)])
    return [
        (NeedType(t).label if t != ALL_TYPES else "All with a need type", cells)
        for t, cells in table.items()
    ]


def share_text(value):
    return NOT_SHOWN if value is None else f"{value}%"
