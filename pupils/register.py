"""The register page: every pupil with their code, status and highest level, filtered, sorted
and paged in the database by the standing query (census.standing), so that a page of 50 costs
the same whether the school has 50 pupils or 3,000. Only the pupils shown are loaded as
records; the summary counts come back with them."""

import csv
from dataclasses import dataclass

from django.core.paginator import Paginator

from census.exports import EchoLine
from census.standing import chosen_pupils, standing_rows
from census.status import STATUS_LABELS

from .models import Pupil

PAGE_SIZE = 50

_YEAR_ORDER = (
    "CASE p.nc_year WHEN 'N1' THEN -2 WHEN 'N2' THEN -1 WHEN 'R' THEN 0"
    " ELSE CAST(p.nc_year AS INTEGER) END"
)
_CODE_ORDER = (
    "CASE WHEN s.on_roll = 0 THEN 3 WHEN s.code = 'E' THEN 0 WHEN s.code = 'K' THEN 1 ELSE 2 END"
)
_LEVEL = "CASE WHEN s.on_roll = 1 THEN COALESCE(s.highest, 0) ELSE 0 END"
# key -> (label, ORDER BY); then by name, and the pupil's id last so that pages never overlap.
SORTS = {
    "name": ("Name", "LOWER(p.legal_surname)"),
    "upn": ("UPN", "p.upn"),
    "year": ("Year", f"{_YEAR_ORDER}, LOWER(p.legal_surname)"),
    "class": ("Class", "COALESCE(cg.name, '~'), LOWER(p.legal_surname)"),
    "level": (
        "Highest level, highest first",
        f"{_LEVEL} DESC, LOWER(p.legal_surname)",
    ),
    "code": ("Census code (E, K, N)", f"{_CODE_ORDER}, LOWER(p.legal_surname)"),
}

# The summary line: counted over every pupil the filters select, in the same query.
_COUNTS = ["total", "E", "K", "N", *STATUS_LABELS]
_COUNT_COLUMNS = (
    ["COUNT(*) OVER ()"]
    + [
        f"SUM(CASE WHEN s.on_roll = 1 AND s.code = '{code}' THEN 1 ELSE 0 END) OVER ()"
        for code in ("E", "K", "N")
    ]
    + [f"SUM(CASE WHEN s.status = '{key}' THEN 1 ELSE 0 END) OVER ()" for key in STATUS_LABELS]
)


@dataclass(frozen=True)
class RegisterFilters:
    """The register's filters on what is derived (the rest filter the pupils' queryset)."""

    code: str = ""
    level: str = ""
    area_position: int | None = None  # a broad area at level 2 or above
    status: str = ""
    level_two_unclear: bool = False
    departs: bool = False

    def where(self):
        """SQL conditions on the standing `s` and their parameters."""
        conditions, params = [], []
        if self.code:
            conditions.append("s.on_roll = 1 AND s.code = %s")
            params.append(self.code)
        if self.level not in ("", None):
            conditions.append(
                "(CASE WHEN s.on_roll = 1 THEN COALESCE(s.highest, 0) ELSE 0 END) = %s"
            )
            params.append(int(self.level))
        if self.area_position is not None:
            # A literal, not a parameter: an int from the grid, and PostgreSQL needs to know
            # its type to apply `&`.
            conditions.append(f"(COALESCE(s.area_bits, 0) & {1 << int(self.area_position)}) <> 0")
        if self.status:
            conditions.append("s.status = %s")
            params.append(self.status)
        if self.level_two_unclear:
            conditions.append("s.level_two_unclear = 1")
        if self.departs:
            conditions.append("s.departs = 1")
        return " AND ".join(f"({c})" for c in conditions), params


class _Counted:
    """What Django's Paginator needs of a list it never holds: its length, and the one slice
    that was fetched."""

    def __init__(self, total, rows):
        self.total, self.rows = total, rows

    def __len__(self):
        return self.total

    def __getitem__(self, window):
        return self.rows


class Register:
    """The pupils of a queryset (already filtered on the database's own columns) on a day,
    filtered on what is derived and sorted."""

    def __init__(self, pupils, on, filters, sort="name"):
        self.pupils, self.on, self.filters = pupils, on, filters
        self.order_by = SORTS.get(sort, SORTS["name"])[1] + ", LOWER(p.legal_forename), p.id"

    def _rows(self, **options):
        where, params = self.filters.where()
        return standing_rows(
            chosen_pupils(self.pupils),
            self.on,
            where=where,
            params=params,
            order_by=self.order_by,
            **options,
        )

    def page(self, number):
        """(a Django Page of Standings with their `pupil` loaded, the summary counts)."""
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        fetched = self._fetch(number)
        if not fetched and number > 1:
            # Past the end (a list that shrank, a typed address): the last page, as Django's
            # get_page does.
            first = self._fetch(1)
            number = max(1, -(-first[0][1][0] // PAGE_SIZE)) if first else 1
            fetched = first if number == 1 else self._fetch(number)
        counts = dict.fromkeys(_COUNTS, 0)
        if fetched:
            counts.update(zip(_COUNTS, (int(c or 0) for c in fetched[0][1]), strict=True))
        shown = [standing for standing, _ in fetched]
        records = Pupil.objects.select_related("class_group").in_bulk([s.pupil_id for s in shown])
        for standing in shown:
            standing.pupil = records[standing.pupil_id]
        paginator = Paginator(_Counted(counts["total"], shown), PAGE_SIZE)
        return paginator.page(min(number, paginator.num_pages)), summary(counts)

    def _fetch(self, number):
        return list(self._rows(more=_COUNT_COLUMNS, page=(PAGE_SIZE, (number - 1) * PAGE_SIZE)))

    def __iter__(self):
        """Every pupil selected, in order, streamed."""
        return (standing for standing, _ in self._rows())


def summary(counts):
    """Counts for the summary line: by census code (E, K, N) and by register status."""
    return {
        "total": counts["total"],
        "codes": [(code, counts[code]) for code in ("E", "K", "N")],
        "statuses": [(label, counts[key]) for key, label in STATUS_LABELS.items() if counts[key]],
    }


CSV_COLUMNS = [
    "upn",
    "legal_surname",
    "legal_forename",
    "nc_year",
    "class_group",
    "sen_provision",
    "basis",
    "highest_level",
    "register_status",
    "sen_type_1",
    "sen_type_2",
]


def csv_lines(standings):
    writer = csv.writer(EchoLine(), lineterminator="\n")
    yield writer.writerow(CSV_COLUMNS)
    for s in standings:
        yield writer.writerow(
            [
                s.upn,
                s.legal_surname,
                s.legal_forename,
                s.nc_year,
                s.class_name or "",
                s.code or "",
                s.basis,
                s.highest_level if s.on_roll and s.highest_level else "",
                s.status_label,
                s.sen_type_1,
                s.sen_type_2,
            ]
        )
