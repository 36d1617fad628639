"""Figures across many schools, counted in the database in one query from the kept standings
(census.models.StandingPeriod): pupils at each grid level, codes N/K/E, and the consistency
figures the Sheffield guidance is about. An authority of 90,000 pupils is never loaded into
Python, and no rule is restated: the codes, levels and flags are the rules' own.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from .models import StandingPeriod

# Each figure: what it counts among the pupils on roll.
COUNTED = {
    "on_roll": Q(),
    "level_0": Q(highest_level__isnull=True),
    "level_1": Q(highest_level=1),
    "level_2": Q(highest_level=2),
    "level_3": Q(highest_level=3),
    "level_4": Q(highest_level=4),
    "level_5": Q(highest_level=5),
    "code_e": Q(code="E"),
    "code_k": Q(code="K"),
    "code_n": Q(code="N"),
    "level_2_coded_k": Q(highest_level=2, code="K"),
    "level_3_plus": Q(highest_level__gte=3),
    "level_3_plus_not_k_or_e": Q(highest_level__gte=3, code="N"),
    "departures": Q(departs_from_grid=True),
    "k_without_plan": Q(k_without_plan=True),
}
FIGURES = list(COUNTED)


@dataclass
class SchoolFigures:
    school_id: int | None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))

    def __getattr__(self, name):
        if name in FIGURES:
            return self.counts[name]
        raise AttributeError(name)

    def add(self, other):
        for name in FIGURES:
            self.counts[name] += other.counts[name]


def school_figures(school_ids, on):
    """School id -> SchoolFigures on `on`, for every school given (zeros where none on roll).
    One query whatever the number of schools or pupils."""
    school_ids = [int(pk) for pk in school_ids]
    figures = {pk: SchoolFigures(pk) for pk in school_ids}
    counted = (
        StandingPeriod.objects.on(on)
        .on_roll()
        .filter(school_id__in=school_ids)
        .values("school_id")
        .order_by()
        # Named apart from the model's fields (on_roll is one).
        .annotate(**{f"n_{name}": Count("pk", filter=q or None) for name, q in COUNTED.items()})
    )
    for row in counted:
        school_id = row.pop("school_id")
        figures[school_id].counts = {name.removeprefix("n_"): n for name, n in row.items()}
    return figures


@dataclass(frozen=True)
class Dot:
    label: str
    value: float  # a percentage
    x: float
    y: float


@dataclass(frozen=True)
class DotPlot:
    """A labelled dot plot of percentages: one row per school, its name on the left, so
    each dot can be told from the others however close their values."""

    dots: list[Dot]
    width: int
    height: int
    label_width: int
    axis_y: float
    ticks: list[tuple[float, str]]


def dot_plot(values, *, width=640, label_width=230, row_height=22):
    """`values` are (label, percentage); rows from lowest to highest share."""
    left, right = label_width, width - 20
    rows = sorted(values, key=lambda item: (item[1], item[0]))
    dots = [
        Dot(label, value, round(left + (right - left) * value / 100, 1), 15 + i * row_height)
        for i, (label, value) in enumerate(rows)
    ]
    axis_y = 15 + len(rows) * row_height
    ticks = [(round(left + (right - left) * p / 100, 1), f"{p}%") for p in (0, 25, 50, 75, 100)]
    return DotPlot(dots, width, int(axis_y) + 25, label_width, axis_y, ticks)
