"""Reading kept standings for the census: a school's pupils on roll on a census day with their
codes, the return as it is exported, and the DfE need records the checks look at."""

from collections import defaultdict

from pupils.models import EHCPlan, Pupil, SENNeed

from .derivation import plan_in_force
from .models import StandingPeriod

FETCH = 2000  # rows a round trip when streaming: bounded memory, whatever the total
# What the census page, its checks and the MIS comparison read of a standing and its pupil:
# a whole school's worth of model instances costs by the field.
CENSUS_COLUMNS = [
    "pupil_id",
    "code",
    "basis",
    "grid_code",
    "grid_basis",
    "level_two_unclear",
    "departs_from_grid",
    "k_without_plan",
    "highest_level",
    "decision_code",
    "decided_on",
    "decision_transferred",
    "sen_type_1",
    "sen_type_2",
    "pupil__upn",
    "pupil__legal_surname",
    "pupil__legal_forename",
    "pupil__preferred_surname",
    "pupil__preferred_forename",
    "pupil__in_sen_unit",
    "pupil__in_resourced_provision",
]


_STANDING = [c for c in CENSUS_COLUMNS if not c.startswith("pupil__")]
_PUPIL = [c.removeprefix("pupil__") for c in CENSUS_COLUMNS if c.startswith("pupil__")]


class CensusPupil:
    """What the census checks read of a pupil, as a plain object."""

    __slots__ = ("pk", *_PUPIL)
    display_name = Pupil.display_name  # the pupil's own rule for the name shown

    def __init__(self, pk, values):
        self.pk = pk
        for name, value in zip(_PUPIL, values, strict=True):
            setattr(self, name, value)


class CensusRow:
    """A pupil's standing on the census day as the checks read it (the fields of
    CENSUS_COLUMNS, and `pupil`), as a plain object."""

    __slots__ = (*_STANDING, "pupil")
    pupil_id: int
    pupil: CensusPupil

    def __init__(self, values):
        for name, value in zip(_STANDING, values[: len(_STANDING)], strict=True):
            setattr(self, name, value)
        self.pupil = CensusPupil(self.pupil_id, values[len(_STANDING) :])


def census_standings(school, on):
    """The standing on `on` of every pupil on roll at `school`, by UPN, each with its pupil.
    One query, read as plain rows: a model instance per standing and per pupil cost more
    than the checks that read them, and grew with the school."""
    return [
        CensusRow(values)
        for values in StandingPeriod.objects.on(on)
        .at(school)
        .on_roll()
        .order_by("pupil__upn")
        .values_list(*_STANDING, *(f"pupil__{name}" for name in _PUPIL))
    ]


def census_return(schools, on):
    """The census return of `schools` on `on`: for each pupil on roll, by school and then UPN,
    a tuple of the export's columns in order (census.exports.CSV_COLUMNS), streamed, so that a
    whole authority passes through in bounded memory. One query."""
    for _, row in census_return_of_pupils(schools, on):
        yield row


def census_return_of_pupils(schools, on):
    """census_return's rows, each as (pupil id, row)."""
    rows = (
        StandingPeriod.objects.on(on)
        .filter(school__in=schools)
        .on_roll()
        .order_by("school_id", "pupil__upn")
        .values_list(
            "pupil_id",
            "pupil__upn",
            "pupil__legal_surname",
            "pupil__legal_forename",
            "pupil__date_of_birth",
            "pupil__nc_year",
            "code",
            "sen_type_1",
            "sen_type_2",
            "basis",
        )
    )
    for pupil_id, upn, surname, forename, born, year, *rest in rows.iterator(chunk_size=FETCH):
        yield pupil_id, (upn, surname, forename, born.isoformat(), year, *rest)


def needs_on(pupils, on):
    """Pupil id -> the DfE need records held on `on`, by rank. One query."""
    needs = defaultdict(list)
    for need in (
        SENNeed.objects.in_force_on(on)
        .filter(pupil__in=pupils)
        .order_by("rank", "recorded_on", "pk")
    ):
        needs[need.pupil_id].append(need)
    return needs


def ehc_plans_in_force(pupils, on):
    """Pupil id -> the EHC plan giving E on `on` (with its pupil), for `pupils` (ids or a
    queryset of ids). One query; none for an empty list."""
    active = defaultdict(list)
    for plan in (
        EHCPlan.objects.in_force_on(on)
        .filter(pupil_id__in=pupils)
        .select_related("pupil")
        .order_by("pk")  # between two issued on one day, the first recorded gives E
    ):
        active[plan.pupil_id].append(plan)
    return {pupil_id: plan_in_force(plans) for pupil_id, plans in active.items()}
