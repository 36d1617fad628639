"""Every chosen pupil's census standing on a day, worked out in the database in one query.

The register, the census return and the officer's figures need the code of every pupil of a
school (or an authority) at once; loading each pupil's whole history into Python to derive it
cost far more than the page around it. This query reduces each pupil's records to what the
rules of DESIGN.md section 4 look at (current level per strand, criteria and SENCO decision in
force, EHC plan active), applies the rules in SQL, and returns one row per pupil. The wording
of each basis is still made by `census.derivation` from those few columns, so a pupil's reason
reads the same wherever it is shown; a test holds this query to `census.derivation.derive`,
pupil by pupil, on random histories. The same SQL runs on SQLite and PostgreSQL.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from django.db import connection
from django.utils import timezone

from .derivation import (
    CRITERIA_ORDER,
    Decision,
    Plan,
    decision_basis,
    grid_wording,
    named_criteria,
    plan_basis,
    settle,
)
from .status import EHC_PLAN, MONITORING, NONE, SEN_SUPPORT, STATUS_LABELS

# A recorded criterion as a bit, so that the criteria in force fit in one column.
_CRITERION_BITS = " ".join(
    f"WHEN '{slug}' THEN {1 << index}" for index, slug in enumerate(CRITERIA_ORDER)
)

# `{chosen}` is a condition on pupils_pupil `p` choosing the pupils wanted (any school, on
# roll or not); `%(day)s` is the day. Strands and broad areas become bits of their grid
# position, so the strands at the highest level and the areas at level 2+ each fit in one
# integer column.
STANDING_CTES = f"""
chosen AS (
    -- Only pupils whose kept standing on the day is missing, or was worked out at an older
    -- version of their records, are worked out again.
    SELECT p.id, p.school_id,
           CASE WHEN (p.joined_on IS NULL OR p.joined_on <= %(day)s)
                 AND (p.left_on IS NULL OR p.left_on >= %(day)s) THEN 1 ELSE 0 END AS on_roll,
           COALESCE(v.version, 0) AS version
    FROM pupils_pupil p
    LEFT JOIN census_recordsversion v ON v.pupil_id = p.id
    LEFT JOIN census_knownstanding k ON k.pupil_id = p.id AND k.day = %(day)s
    WHERE ({{chosen}}) AND (k.pupil_id IS NULL OR k.version <> COALESCE(v.version, 0))
),
latest AS (
    SELECT a.pupil_id, a.strand_id, a.level,
           ROW_NUMBER() OVER (
               PARTITION BY a.pupil_id, a.strand_id ORDER BY a.assessed_on DESC, a.id DESC
           ) AS rn
    FROM pupils_needassessment a
    JOIN chosen ON chosen.id = a.pupil_id
    WHERE a.assessed_on <= %(day)s
),
current_level AS (
    SELECT latest.pupil_id, latest.level, s.position AS strand_position,
           ar.position AS area_position,
           MAX(latest.level) OVER (PARTITION BY latest.pupil_id) AS highest
    FROM latest
    JOIN pupils_strand s ON s.id = latest.strand_id
    JOIN pupils_broadarea ar ON ar.id = s.area_id
    WHERE latest.rn = 1
),
facts AS (
    -- One row per chosen pupil, then one per fact about them; gathered below in a single
    -- GROUP BY rather than a join per kind of record (which SQLite would scan row by row).
    -- The first row's types are the union's (PostgreSQL takes a bare NULL as text).
    SELECT id AS pupil_id, school_id, on_roll, version,
           CAST(NULL AS INTEGER) AS level, CAST(NULL AS INTEGER) AS top_bit,
           CAST(NULL AS INTEGER) AS area_at_two, CAST(NULL AS INTEGER) AS area_bit,
           CAST(NULL AS INTEGER) AS criterion_bit, CAST(NULL AS INTEGER) AS decision_id,
           CAST(NULL AS TEXT) AS decision_code, CAST(NULL AS TEXT) AS decision_reason,
           CAST(NULL AS DATE) AS decided_on, CAST(NULL AS DATE) AS decision_withdrawn_on,
           CAST(NULL AS DATE) AS ehcp_issued_on, CAST(NULL AS DATE) AS ehcp_ceased_on,
           CAST(NULL AS DATE) AS ehcp_reviewed_on, CAST(NULL AS INTEGER) AS planned,
           CAST(NULL AS TEXT) AS sen_type_1, CAST(NULL AS TEXT) AS sen_type_2
    FROM chosen
    UNION ALL
    SELECT pupil_id, NULL, NULL, NULL,
           level, CASE WHEN level = highest THEN 1 << strand_position ELSE 0 END,
           CASE WHEN level >= 2 THEN area_position END,
           CASE WHEN level >= 2 THEN 1 << area_position END,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM current_level
    UNION ALL
    SELECT c.pupil_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           CASE c.criterion {_CRITERION_BITS} ELSE 0 END,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM pupils_leveltwocriterion c
    JOIN chosen ON chosen.id = c.pupil_id
    WHERE c.recorded_on <= %(day)s AND (c.withdrawn_on IS NULL OR c.withdrawn_on > %(day)s)
    UNION ALL
    SELECT pupil_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           id, code, reason, decided_on, withdrawn_on,
           NULL, NULL, NULL, NULL, NULL, NULL
    FROM (
        SELECT d.pupil_id, d.id, d.code, d.reason, d.decided_on, d.withdrawn_on,
               ROW_NUMBER() OVER (
                   PARTITION BY d.pupil_id ORDER BY d.decided_on DESC, d.id DESC
               ) AS rn
        FROM pupils_sencodecision d
        JOIN chosen ON chosen.id = d.pupil_id
        WHERE d.decided_on <= %(day)s AND (d.withdrawn_on IS NULL OR d.withdrawn_on > %(day)s)
    ) decision WHERE rn = 1
    UNION ALL
    SELECT pupil_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           issued_on, ceased_on, last_annual_review_on,
           NULL, NULL, NULL
    FROM (
        SELECT e.pupil_id, e.issued_on, e.ceased_on, e.last_annual_review_on,
               ROW_NUMBER() OVER (
                   PARTITION BY e.pupil_id ORDER BY e.issued_on DESC, e.id
               ) AS rn
        FROM pupils_ehcplan e
        JOIN chosen ON chosen.id = e.pupil_id
        WHERE e.issued_on <= %(day)s AND (e.ceased_on IS NULL OR e.ceased_on >= %(day)s)
    ) ehcp WHERE rn = 1
    UNION ALL
    SELECT sp.pupil_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL,
           1, NULL, NULL
    FROM support_plans_supportplan sp
    JOIN chosen ON chosen.id = sp.pupil_id
    WHERE sp.state <> 'draft' AND sp.starts_on <= %(day)s
      AND (sp.ended_on IS NULL OR sp.ended_on > %(day)s)
    UNION ALL
    SELECT pupil_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL,
           CASE WHEN rank = 1 THEN need_type END, CASE WHEN rank = 2 THEN need_type END
    FROM (
        SELECT n.pupil_id, n.rank, n.need_type,
               ROW_NUMBER() OVER (
                   PARTITION BY n.pupil_id, n.rank ORDER BY n.recorded_on, n.id
               ) AS rn
        FROM pupils_senneed n
        JOIN chosen ON chosen.id = n.pupil_id
        WHERE n.recorded_on <= %(day)s AND (n.ended_on IS NULL OR n.ended_on > %(day)s)
    ) need WHERE rn = 1
),
gathered AS (
    SELECT pupil_id, MAX(school_id) AS school_id, MAX(on_roll) AS on_roll,
           MAX(version) AS version,
           MAX(level) AS highest, SUM(top_bit) AS top_strands,
           COUNT(DISTINCT area_at_two) AS areas_at_two, SUM(DISTINCT area_bit) AS area_bits,
           COALESCE(SUM(DISTINCT criterion_bit), 0) AS criteria_bits,
           MAX(decision_id) AS decision_id, MAX(decision_code) AS decision_code,
           MAX(decision_reason) AS decision_reason, MAX(decided_on) AS decided_on,
           MAX(decision_withdrawn_on) AS decision_withdrawn_on,
           MAX(ehcp_issued_on) AS ehcp_issued_on, MAX(ehcp_ceased_on) AS ehcp_ceased_on,
           MAX(ehcp_reviewed_on) AS ehcp_reviewed_on,
           COALESCE(MAX(planned), 0) AS has_support_plan,
           MAX(sen_type_1) AS sen_type_1, MAX(sen_type_2) AS sen_type_2
    FROM facts GROUP BY pupil_id
),
graded AS (
    SELECT gathered.*,
           CASE
               WHEN highest >= 3 THEN 'K'
               WHEN highest = 2 AND (criteria_bits > 0 OR areas_at_two >= 2) THEN 'K'
               ELSE 'N'
           END AS grid_code
    FROM gathered
),
coded AS (
    SELECT graded.*,
           CASE
               WHEN ehcp_issued_on IS NOT NULL THEN 'E'
               WHEN decision_code IS NOT NULL THEN decision_code
               ELSE grid_code
           END AS code,
           CASE WHEN ehcp_issued_on IS NULL THEN decision_code END AS decision_used
    FROM graded
),
standing AS (
    SELECT coded.*,
           -- census.status.register_status
           CASE
               WHEN on_roll = 0 THEN NULL
               WHEN code = 'E' THEN '{EHC_PLAN}'
               WHEN code = 'K' THEN '{SEN_SUPPORT}'
               WHEN decision_used IS NOT NULL OR COALESCE(highest, 0) >= 2 THEN '{MONITORING}'
               ELSE '{NONE}'
           END AS status,
           -- Derivation.level_two_unclear and Derivation.departs_from_grid
           CASE WHEN on_roll = 1 AND highest = 2 AND grid_code = 'N' AND decision_used IS NULL
                THEN 1 ELSE 0 END AS level_two_unclear,
           CASE WHEN on_roll = 1 AND decision_used IS NOT NULL AND decision_used <> grid_code
                THEN 1 ELSE 0 END AS departs
    FROM coded
)
"""

DERIVED_COLUMNS = [
    "pupil_id",
    "school_id",
    "on_roll",
    "highest",
    "top_strands",
    "area_bits",
    "areas_at_two",
    "criteria_bits",
    "grid_code",
    "decision_id",
    "decision_code",
    "decision_reason",
    "decided_on",
    "decision_withdrawn_on",
    "ehcp_issued_on",
    "ehcp_ceased_on",
    "ehcp_reviewed_on",
    "has_support_plan",
    "sen_type_1",
    "sen_type_2",
    "code",
    "status",
    "level_two_unclear",
    "departs",
]
# What the register and the census return show of the pupil beside the derived columns.
PUPIL_COLUMNS = {
    "upn": "p.upn",
    "legal_surname": "p.legal_surname",
    "legal_forename": "p.legal_forename",
    "date_of_birth": "p.date_of_birth",
    "nc_year": "p.nc_year",
    "class_name": "cg.name",
}
COLUMNS = DERIVED_COLUMNS + list(PUPIL_COLUMNS)
# What is kept of a standing (census.models.KnownStanding): the derived columns but the school,
# which is the pupil's own.
KEPT_COLUMNS = [name for name in DERIVED_COLUMNS if name != "school_id"]

# Work out, in one statement, the standing of every chosen pupil whose known standing on the
# day is missing or out of date (see `chosen` above); keep it.
_KEEP = (
    # INSERT first: Python's sqlite3 counts the rows only of a statement that starts with it.
    f"INSERT INTO census_knownstanding (day, version, {', '.join(KEPT_COLUMNS)})"
    + " WITH "
    + STANDING_CTES
    + " SELECT %(day)s, s.version, "
    + ", ".join(f"s.{name}" for name in KEPT_COLUMNS)
    + " FROM standing s WHERE 1 = 1"  # a WHERE, so SQLite reads ON CONFLICT as the upsert's
    + " ON CONFLICT (pupil_id, day) DO UPDATE SET version = excluded.version, "
    + ", ".join(f"{name} = excluded.{name}" for name in KEPT_COLUMNS if name != "pupil_id")
)
KEEP_DAYS = 7  # known standings of days further back are forgotten (census days too)
ANALYZE_AFTER = 5000  # kept at once, PostgreSQL's statistics of the table are renewed
FETCH = 2000  # rows a round trip from a server-side cursor: bounded, whatever the total

# Reading the known standings of the chosen pupils, with the pupils' own columns.
STANDING_SELECT = "SELECT " + ", ".join(
    [f"s.{name}" if name != "school_id" else "p.school_id" for name in DERIVED_COLUMNS]
    + list(PUPIL_COLUMNS.values())
)
STANDING_FROM = (
    " FROM census_knownstanding s JOIN pupils_pupil p ON p.id = s.pupil_id"
    " LEFT JOIN pupils_classgroup cg ON cg.id = p.class_group_id"
    " WHERE ({chosen}) AND s.day = %(day)s"
)

_PLACEHOLDER = re.compile(r"\{chosen\}|%\(day\)s")


def bind(sql, chosen, day):
    """`sql` with the chosen pupils' query spliced in and the day bound, as positional
    parameters (Django's compiled querysets use positional ones, so the day must be too)."""
    chosen_sql, chosen_params = chosen
    params = []

    def place(match):
        if match.group() == "{chosen}":
            params.extend(chosen_params)
            return chosen_sql
        params.append(day)
        return "%s"

    return _PLACEHOLDER.sub(place, sql), params


def chosen_pupils(queryset):
    """The pupils of a queryset, as a condition on `p` (pupils_pupil) and its parameters."""
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    return f"p.id IN ({sql})", params


def schools_pupils(school_ids):
    """Every pupil at these schools, as a condition on `p` (whether each is on roll is
    decided per day)."""
    placeholders = ", ".join(["%s"] * len(school_ids))
    return f"p.school_id IN ({placeholders})", [int(pk) for pk in school_ids]


def _day(value):
    # SQLite hands dates back as text from a raw query; PostgreSQL as dates.
    return date.fromisoformat(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class GridNames:
    """Strand names by grid position, to word a basis from the query's strand bits."""

    strands: dict  # position -> name

    @classmethod
    def load(cls):
        from pupils.models import Strand

        return cls({s.position: s.name for s in Strand.objects.all()})

    def named(self, bits):
        return [name for position, name in sorted(self.strands.items()) if bits >> position & 1]

    def grid(self, highest, top_strands, criteria_bits, areas_at_two):
        """Step 2's (code, basis) from a standing's columns, in census.derivation's words."""
        criteria = []
        if highest == 2:
            recorded = [s for i, s in enumerate(CRITERIA_ORDER) if criteria_bits >> i & 1]
            criteria = named_criteria(recorded, areas_at_two)
        return grid_wording(highest, self.named(top_strands or 0), criteria)


class Standing:
    """One pupil's row of the standing query: the code and status the register filters and
    counts on, the pupil's own columns, and the full `Derivation` (with its basis) when it is
    asked for."""

    def __init__(self, row, grid_names):
        self.__dict__.update(zip(COLUMNS, row, strict=True))
        self.grid_names = grid_names
        self.date_of_birth = _day(self.date_of_birth)
        self.sen_type_1, self.sen_type_2 = self.sen_type_1 or "", self.sen_type_2 or ""
        if not self.on_roll:
            self.code = None  # no census code on a day the pupil is not on roll

    @property
    def basis(self):
        return self.derivation.basis if self.derivation else "not on roll"

    @property
    def highest_level(self):
        return self.highest

    @property
    def status_label(self):
        return STATUS_LABELS.get(self.status, "Not on roll")

    @cached_property
    def derivation(self):
        """The census Derivation, exactly as census.derivation.derive gives it; None when the
        pupil is not on roll on the day."""
        if not self.on_roll:
            return None
        code, basis = self.grid_names.grid(
            self.highest, self.top_strands, self.criteria_bits, self.areas_at_two
        )
        plan = decision = None
        if self.ehcp_issued_on is not None:
            plan = Plan(
                _day(self.ehcp_issued_on), _day(self.ehcp_ceased_on), _day(self.ehcp_reviewed_on)
            )
        elif self.decision_id is not None:
            decision = Decision(
                self.decision_code,
                self.decision_reason,
                _day(self.decided_on),
                self.decision_id,
                _day(self.decision_withdrawn_on),
            )
        return settle(code, basis, self.highest, plan=plan, decision=decision)


def keep_standings(chosen, on):
    """Work out and keep the standing on `on` of every chosen pupil whose known standing is
    missing or out of date; forget known standings of long-past days. One statement, plus one
    when something was worked out."""
    sql, params = bind(_KEEP, chosen, on)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        kept = cursor.rowcount
        if kept > 0:
            cutoff = timezone.localdate() - timedelta(days=KEEP_DAYS)
            for table in ("census_knownstanding", "census_keptschool"):
                cursor.execute(f"DELETE FROM {table} WHERE day < %s AND day <> %s", [cutoff, on])
        if kept >= ANALYZE_AFTER and connection.vendor == "postgresql":
            # Many rows just kept are about to be read: without fresh statistics (autovacuum
            # comes later) PostgreSQL plans for the table as it was, perhaps empty, and a
            # whole authority's read goes row by row through it.
            cursor.execute("ANALYZE census_knownstanding")


def keep_school_standings(school_ids, on):
    """keep_standings for whole schools, skipping each school whose version has not moved since
    all its standings on `on` were kept: one small query when nothing has changed."""
    from .models import KeptSchool  # the models module needs none of this one

    school_ids = [int(pk) for pk in school_ids]
    if not school_ids:
        return
    placeholders = ", ".join(["%s"] * len(school_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.id, COALESCE(v.version, 0), k.version FROM sen_register_school s"
            " LEFT JOIN census_schoolversion v ON v.school_id = s.id"
            " LEFT JOIN census_keptschool k ON k.school_id = s.id AND k.day = %s"
            f" WHERE s.id IN ({placeholders})",
            [on, *school_ids],
        )
        # Versions read before the standings are worked out: a write in between leaves the
        # mark behind the school's version, and the school is looked at again next time.
        moved = {pk: version for pk, version, kept in cursor.fetchall() if kept != version}
    if not moved:
        return
    keep_standings(schools_pupils(list(moved)), on)
    KeptSchool.objects.bulk_create(
        [KeptSchool(school_id=pk, day=on, version=version) for pk, version in moved.items()],
        update_conflicts=True,
        unique_fields=["school", "day"],
        update_fields=["version"],
    )


def forget_standings():
    """Throw away every kept standing (they are worked out again as needed)."""
    with connection.cursor() as cursor:
        for table in ("census_knownstanding", "census_keptschool"):
            cursor.execute(f"DELETE FROM {table}")


def standing_rows(
    chosen, on, *, where="", params=(), order_by="s.pupil_id", more=(), page=None, keep=True
):
    """(Standing, more values) for each chosen pupil (see `chosen_pupils`, `schools_pupils`)
    on `on`, in `order_by` order, streamed: a server-side cursor on PostgreSQL, so that a whole
    authority passes through in bounded memory. `where` filters on the standing `s` and the
    pupil `p`, with `params`; `more` are further columns (window counts, say); `page` is
    (limit, offset). Standings are kept once worked out (see keep_standings; `keep=False` when
    the caller has kept them), so a page reads one row per pupil. Queries: keeping, strand
    names, the rows."""
    if keep:
        keep_standings(chosen, on)
    grid_names = GridNames.load()
    select = ", ".join([STANDING_SELECT, *more])
    sql, bound = bind(f"{select} {STANDING_FROM}", chosen, on)
    sql += f" AND ({where})" if where else ""
    sql += f" ORDER BY {order_by}"
    if page is not None:
        sql += " LIMIT %s OFFSET %s"
        params = [*params, *page]
    width = len(COLUMNS)
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, [*bound, *params])
        while rows := cursor.fetchmany(FETCH):
            for row in rows:
                yield Standing(row[:width], grid_names), row[width:]


def standings(chosen, on, **options):
    """A Standing for each chosen pupil on `on`; see `standing_rows`."""
    return (standing for standing, _ in standing_rows(chosen, on, **options))


@dataclass
class Wording:
    """Each basis of the census return from a kept standing's columns, in the words of
    census.derivation; the grid's wordings, few and repeated, are worked out once each."""

    grid_names: GridNames
    grid: dict = field(default_factory=dict)

    def basis(self, highest, top_strands, criteria_bits, areas_at_two, reason, issued_on):
        if issued_on is not None:
            return plan_basis(_day(issued_on))
        if reason is not None:
            return decision_basis(reason)
        key = (
            (highest, top_strands, criteria_bits, areas_at_two)
            if highest == 2
            else (highest, top_strands)
        )
        if key not in self.grid:
            self.grid[key] = self.grid_names.grid(
                highest, top_strands, criteria_bits, areas_at_two
            )[1]
        return self.grid[key]


_RETURN = (
    "SELECT p.upn, p.legal_surname, p.legal_forename, {born}, p.nc_year, s.code,"
    " COALESCE(s.sen_type_1, ''), COALESCE(s.sen_type_2, ''),"
    " s.highest, s.top_strands, s.criteria_bits, s.areas_at_two,"
    " s.decision_reason, s.ehcp_issued_on"
    " FROM census_knownstanding s JOIN pupils_pupil p ON p.id = s.pupil_id"
    " WHERE ({chosen}) AND s.day = %(day)s AND s.on_roll = 1"
    " ORDER BY p.school_id, p.upn"
)


def census_return(schools, on):
    """The census return of `schools` on `on`: for each pupil on roll, by school and then UPN,
    a tuple of the export's columns in order (census.exports.CSV_COLUMNS), streamed (a
    server-side cursor on PostgreSQL). Reads only the columns the return prints, from kept
    standings, so a whole authority costs little more than reading its pupils."""
    chosen = schools_pupils([school.pk for school in schools])
    keep_school_standings([school.pk for school in schools], on)
    wording = Wording(GridNames.load())
    # The date of birth as ISO text from the database (SQLite stores it so).
    born = "CAST(p.date_of_birth AS TEXT)"
    if connection.vendor == "postgresql":
        born = "to_char(p.date_of_birth, 'YYYY-MM-DD')"
    sql, params = bind(_RETURN.replace("{born}", born), chosen, on)
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH):
            for row in rows:
                # The first eight columns are the return's own; the rest word the basis.
                yield row[:8] + (wording.basis(*row[8:]),)
