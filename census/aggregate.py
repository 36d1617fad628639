"""Figures across many schools, computed in the database in one query: pupils at each grid
level, codes N/K/E, and the consistency figures the Sheffield guidance is about. The query
applies the same rules as census.derivation (a test holds the two to the same answers), so an
authority of 90,000 pupils never has to be loaded into Python.
"""

from dataclasses import dataclass, field

from django.db import connection

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

_SQL = """
WITH roll AS (
    SELECT p.id, p.school_id FROM pupils_pupil p
    WHERE p.school_id IN ({schools})
      AND (p.joined_on IS NULL OR p.joined_on <= %(day)s)
      AND (p.left_on IS NULL OR p.left_on >= %(day)s)
),
latest AS (
    SELECT a.pupil_id, a.level, s.area_id,
           ROW_NUMBER() OVER (
               PARTITION BY a.pupil_id, a.strand_id ORDER BY a.assessed_on DESC, a.id DESC
           ) AS rn
    FROM pupils_needassessment a
    JOIN roll ON roll.id = a.pupil_id
    JOIN pupils_strand s ON s.id = a.strand_id
    WHERE a.assessed_on <= %(day)s
),
grid AS (
    SELECT pupil_id, MAX(level) AS highest,
           COUNT(DISTINCT CASE WHEN level >= 2 THEN area_id END) AS areas_at_two
    FROM latest WHERE rn = 1 GROUP BY pupil_id
),
criteria AS (
    SELECT DISTINCT c.pupil_id FROM pupils_leveltwocriterion c
    JOIN roll ON roll.id = c.pupil_id
    WHERE c.recorded_on <= %(day)s AND (c.withdrawn_on IS NULL OR c.withdrawn_on > %(day)s)
),
decision AS (
    SELECT pupil_id, code FROM (
        SELECT d.pupil_id, d.code,
               ROW_NUMBER() OVER (
                   PARTITION BY d.pupil_id ORDER BY d.decided_on DESC, d.id DESC
               ) AS rn
        FROM pupils_sencodecision d
        JOIN roll ON roll.id = d.pupil_id
        WHERE d.decided_on <= %(day)s AND (d.withdrawn_on IS NULL OR d.withdrawn_on > %(day)s)
    ) ranked WHERE rn = 1
),
ehcp AS (
    SELECT DISTINCT e.pupil_id FROM pupils_ehcplan e
    JOIN roll ON roll.id = e.pupil_id
    WHERE e.issued_on <= %(day)s AND (e.ceased_on IS NULL OR e.ceased_on >= %(day)s)
),
planned AS (
    SELECT DISTINCT sp.pupil_id FROM support_plans_supportplan sp
    JOIN roll ON roll.id = sp.pupil_id
    WHERE sp.state <> 'draft' AND sp.starts_on <= %(day)s
      AND (sp.ended_on IS NULL OR sp.ended_on > %(day)s)
),
graded AS (
    SELECT roll.school_id,
           COALESCE(grid.highest, 0) AS highest,
           CASE
               WHEN grid.highest >= 3 THEN 'K'
               WHEN grid.highest = 2
                    AND (criteria.pupil_id IS NOT NULL OR grid.areas_at_two >= 2) THEN 'K'
               ELSE 'N'
           END AS grid_code,
           decision.code AS decision_code,
           CASE WHEN ehcp.pupil_id IS NULL THEN 0 ELSE 1 END AS has_ehcp,
           CASE WHEN planned.pupil_id IS NULL THEN 0 ELSE 1 END AS has_plan
    FROM roll
    LEFT JOIN grid ON grid.pupil_id = roll.id
    LEFT JOIN criteria ON criteria.pupil_id = roll.id
    LEFT JOIN decision ON decision.pupil_id = roll.id
    LEFT JOIN ehcp ON ehcp.pupil_id = roll.id
    LEFT JOIN planned ON planned.pupil_id = roll.id
),
coded AS (
    SELECT graded.*,
           CASE
               WHEN has_ehcp = 1 THEN 'E'
               WHEN decision_code IS NOT NULL THEN decision_code
               ELSE grid_code
           END AS code
    FROM graded
)
SELECT school_id,
       COUNT(*),
       SUM(CASE WHEN highest = 0 THEN 1 ELSE 0 END),
       SUM(CASE WHEN highest = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN highest = 2 THEN 1 ELSE 0 END),
       SUM(CASE WHEN highest = 3 THEN 1 ELSE 0 END),
       SUM(CASE WHEN highest = 4 THEN 1 ELSE 0 END),
       SUM(CASE WHEN highest = 5 THEN 1 ELSE 0 END),
       SUM(CASE WHEN code = 'E' THEN 1 ELSE 0 END),
       SUM(CASE WHEN code = 'K' THEN 1 ELSE 0 END),
       SUM(CASE WHEN code = 'N' THEN 1 ELSE 0 END),
       SUM(CASE WHEN highest = 2 AND code = 'K' THEN 1 ELSE 0 END),
       SUM(CASE WHEN highest >= 3 THEN 1 ELSE 0 END),
       SUM(CASE WHEN highest >= 3 AND code NOT IN ('K', 'E') THEN 1 ELSE 0 END),
       SUM(CASE WHEN has_ehcp = 0 AND decision_code IS NOT NULL
                     AND decision_code <> grid_code THEN 1 ELSE 0 END),
       SUM(CASE WHEN code = 'K' AND has_plan = 0 THEN 1 ELSE 0 END)
FROM coded
GROUP BY school_id
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
    One query whatever the number of schools or pupils."""
    school_ids = [int(pk) for pk in school_ids]
    figures = {pk: SchoolFigures(pk) for pk in school_ids}
    if not school_ids:
        return figures
    # Positional placeholders for the schools, named ones for the day: psycopg and sqlite3
    # both take a dict only, so the schools are folded into it.
    params = {"day": on}
    for index, pk in enumerate(school_ids):
        params[f"s{index}"] = pk
    sql = _SQL.format(schools=", ".join(f"%(s{i})s" for i in range(len(school_ids))))
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
