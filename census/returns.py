"""Reading kept standings for the census: a school's pupils on roll on a census day with their
codes, the return as it is exported, and the DfE need records the checks look at."""

from collections import defaultdict
from datetime import date
from typing import NamedTuple

from pupils.models import EHCPlan, SENNeed, display_name_of

from .derivation import plan_in_force
from .models import StandingPeriod

FETCH = 2000  # rows a round trip when streaming: bounded memory, whatever the total
# What the census page, its checks and the MIS comparison read of a standing and its pupil,
# as plain tuples: a model instance per standing and per pupil of a whole school cost more
# than the checks that read them, and grew with the school.


class CensusPupil(NamedTuple):
    pk: int
    upn: str
    legal_surname: str
    legal_forename: str
    preferred_surname: str
    preferred_forename: str
    in_sen_unit: bool | None
    in_resourced_provision: bool | None

    @property
    def display_name(self) -> str:
        return display_name_of(self)


class CensusRow(NamedTuple):
    pupil_id: int
    code: str
    basis: str
    grid_code: str
    grid_basis: str
    level_two_unclear: bool
    departs_from_grid: bool
    k_without_plan: bool
    highest_level: int | None
    decision_code: str
    decided_on: date | None
    decision_transferred: bool
    sen_type_1: str
    sen_type_2: str
    pupil: CensusPupil


_STANDING = CensusRow._fields[:-1]
_PUPIL = tuple(f"pupil__{name}" for name in CensusPupil._fields[1:])


def census_standings(school, on):
    """The standing on `on` of every pupil on roll at `school`, by UPN, each with its pupil
    (CensusRow). One query."""
    split = len(_STANDING)
    return [
        CensusRow._make((*values[:split], CensusPupil._make((values[0], *values[split:]))))
        for values in StandingPeriod.objects.on(on)
        .at(school)
        .on_roll()
        .order_by("pupil__upn")
        .values_list(*_STANDING, *_PUPIL)
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
