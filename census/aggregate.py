"""Figures across many schools, computed in the database in one query: pupils at each grid
level, codes N/K/E, and the consistency figures the Sheffield guidance is about. Each pupil's
code comes from the standing query (census.standing, held to census.derivation by a test), so
an authority of 90,000 pupils never has to be loaded into Python.
"""

from dataclasses import dataclass, field

from django.db import connection

from .standing import bind, keep_school_standings, schools_pupils

FIGURES = [
    "on_roll",
    "level_0",
    "level_1",
    "level_2",
    "level_3",
    "level_4",
    "level_5",
    "code_e",
    "code_k",
    "code_n",
    "level_2_coded_k",
    "level_3_plus",
    "level_3_plus_not_k_or_e",
    "departures",
    "k_without_plan",
]

_FIGURES_SQL = """
SELECT p.school_id,
       COUNT(*),
       SUM(CASE WHEN COALESCE(s.highest, 0) = 0 THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.highest = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.highest = 2 THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.highest = 3 THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.highest = 4 THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.highest = 5 THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.code = 'E' THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.code = 'K' THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.code = 'N' THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.highest = 2 AND s.code = 'K' THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.highest >= 3 THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.highest >= 3 AND s.code NOT IN ('K', 'E') THEN 1 ELSE 0 END),
       SUM(s.departs),
       SUM(CASE WHEN s.code = 'K' AND s.has_support_plan = 0 THEN 1 ELSE 0 END)
FROM census_knownstanding s JOIN pupils_pupil p ON p.id = s.pupil_id
WHERE ({chosen}) AND s.day = %(day)s AND s.on_roll = 1
GROUP BY p.school_id
"""


@dataclass
class SchoolFigures:
    school_id: int | None
    counts: dict = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))

    def __getattr__(self, name):
        if name in FIGURES:
            return self.counts[name]
        raise AttributeError(name)

    def add(self, other):
        for name in FIGURES:
            self.counts[name] += other.counts[name]


def school_figures(school_ids, on):
    """School id -> SchoolFigures on `on`, for every school given (zeros where none on roll).
    Two queries whatever the number of schools or pupils (keeping standings, then the figures),
    three on a day's first look."""
    school_ids = [int(pk) for pk in school_ids]
    figures = {pk: SchoolFigures(pk) for pk in school_ids}
    if not school_ids:
        return figures
    chosen = schools_pupils(school_ids)
    keep_school_standings(school_ids, on)
    sql, params = bind(_FIGURES_SQL, chosen, on)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            school_id, *values = row
            figures[school_id].counts = dict(
                zip(FIGURES, (int(v or 0) for v in values), strict=True)
            )
    return figures


SMALL = 5  # a cell under this many pupils (but not none) is shown as "fewer than 5"


def shown(count):
    """A count fit to publish: 1 to 4 pupils could identify a child."""
    return f"fewer than {SMALL}" if 0 < count < SMALL else f"{count:,}"


def share(part, whole):
    """part of whole as a percentage fit to publish, or None when either is too small."""
    if whole < SMALL or 0 < part < SMALL:
        return None
    return round(100 * part / whole, 1)


@dataclass(frozen=True)
class Dot:
    label: str
    value: float  # a percentage
    x: float
    y: float


def strip(values, *, width=640, left=20, rows=4, row_height=16):
    """Dots for a strip chart of percentages, one per school, staggered over a few rows so
    that schools with the same value stay visible."""
    plot = width - 2 * left
    return [
        Dot(label, value, round(left + plot * value / 100, 1), 20 + (i % rows) * row_height)
        for i, (label, value) in enumerate(sorted(values, key=lambda item: item[1]))
    ]
