"""The register page: every pupil with their code, status and highest level, filtered,
sorted, counted and paged in the database from the kept standings (census.models.
StandingPeriod), so that a page of 50 costs the same whether the school has 50 pupils or
3,000."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Coalesce, Lower

from census.derivation import NONE, STATUS_LABELS
from pupils.models import NeedType
from sen_register.core import spreadsheet

PAGE_SIZE = 50

_SURNAME = Lower("pupil__legal_surname")
_YEAR = Case(
    When(pupil__nc_year="N1", then=Value(-2)),
    When(pupil__nc_year="N2", then=Value(-1)),
    When(pupil__nc_year="R", then=Value(0)),
    default=Cast("pupil__nc_year", IntegerField()),
)
_CODE = Case(
    When(code="E", then=Value(0)),
    When(code="K", then=Value(1)),
    When(code="N", then=Value(2)),
    default=Value(3),  # not on roll
)
# key -> (label, ORDER BY); then by name, and the pupil's id last so that pages never overlap.
SORTS = {
    "name": ("Name", [_SURNAME]),
    "upn": ("UPN", ["pupil__upn"]),
    "year": ("Year", [_YEAR, _SURNAME]),
    "class": ("Class", [Coalesce("pupil__class_group__name", Value("~")), _SURNAME]),
    "level": ("Highest level, highest first", [Coalesce("highest_level", 0).desc(), _SURNAME]),
    "code": ("Census code (E, K, N)", [_CODE, _SURNAME]),
}

# The summary line, counted over every pupil the filters select.
_COUNTS = {
    "total": Count("pk"),
    **{code: Count("pk", filter=Q(code=code)) for code in ("E", "K", "N")},
    **{key: Count("pk", filter=Q(status=key)) for key in STATUS_LABELS},
}


# The register's own status filter: every pupil the SEN register lists (EHC plan, SEN support
# or monitoring), which is what the register shows until someone asks for more.
ON_REGISTER = "on_register"


@dataclass(frozen=True)
class RegisterFilters:
    """The register's filters on what the census rules give (the rest filter the pupils'
    queryset)."""

    code: str = ""
    level: str = ""
    area: str = ""  # a broad area's slug: at level 2 or above in it
    status: str = ""
    level_two_unclear: bool = False
    departs: bool = False

    def condition(self):
        condition = Q()
        if self.code:
            condition &= Q(code=self.code)
        if self.level not in ("", None):
            level = int(self.level)
            condition &= Q(highest_level__isnull=True) if level == 0 else Q(highest_level=level)
        if self.area:
            condition &= Q(**{f"area_levels__{self.area}__gte": 2})
        if self.status == ON_REGISTER:
            condition &= ~Q(status=NONE)
        elif self.status:
            condition &= Q(status=self.status)
        if self.level_two_unclear:
            condition &= Q(level_two_unclear=True)
        if self.departs:
            condition &= Q(departs_from_grid=True)
        return condition


class Register:
    """Standings of one day (already filtered on their pupils' columns), filtered on what the
    rules give and sorted."""

    def __init__(self, standings, filters, sort="name"):
        order = SORTS.get(sort, SORTS["name"])[1]
        self.rows = (
            standings.filter(filters.condition())
            .select_related("pupil__class_group")
            .order_by(*order, Lower("pupil__legal_forename"), "pupil_id")
        )

    def page(self, number, keep=None):
        """(a Django Page of standings with their pupils, the summary counts). Two queries: the
        summary (whose total the pages are counted from), and the page. `keep(key, count)`,
        when given, may return counts kept under `key` (the summary's SQL and parameters)
        rather than count again."""
        selected = self.rows.order_by()

        def count():
            return selected.aggregate(**_COUNTS)

        if keep is None:
            counts = count()
        else:
            sql, params = selected.query.sql_with_params()
            counts = keep(("register counts", sql, repr(params)), count)
        paginator = Paginator(self.rows, PAGE_SIZE)
        paginator.count = counts["total"]  # counted already: not a second COUNT
        return paginator.get_page(number), summary(counts)

    def __iter__(self):
        """Every pupil selected, in order, streamed."""
        return self.rows.iterator(chunk_size=2000)


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
    "sen_type_1_name",
    "sen_type_2_name",
]


def csv_row(standing):
    pupil = standing.pupil
    return [
        pupil.upn,
        pupil.legal_surname,
        pupil.legal_forename,
        pupil.nc_year,
        pupil.class_group.name if pupil.class_group else "",
        standing.code,
        standing.basis,
        standing.highest_level or "",
        standing.status_label,
        standing.sen_type_1,
        standing.sen_type_2,
        NeedType.name_of(standing.sen_type_1),
        NeedType.name_of(standing.sen_type_2),
    ]


def csv_lines(standings):
    return spreadsheet.csv_lines(CSV_COLUMNS, map(csv_row, standings))
