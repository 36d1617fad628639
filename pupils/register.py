"""The register: every pupil with their code, status, levels by broad area and needs, and the
filters and sorting the register page offers. Fixed number of queries whatever the school's
size: everything derived is computed from one read of each kind of record."""

import csv
from collections import Counter
from dataclasses import dataclass

from census.derivation import current_levels, derive
from census.exports import EchoLine
from census.records import needs_on, pupil_records
from census.status import STATUS_LABELS, register_status

CODE_ORDER = {"E": 0, "K": 1, "N": 2, None: 3}
SORTS = {
    "name": ("Name", lambda e: (e.pupil.legal_surname.lower(), e.pupil.legal_forename.lower())),
    "upn": ("UPN", lambda e: e.pupil.upn),
    "year": ("Year", lambda e: (_year_order(e.pupil.nc_year), e.pupil.legal_surname.lower())),
    "class": (
        "Class",
        lambda e: (getattr(e.pupil.class_group, "name", "~"), e.pupil.legal_surname),
    ),
    "level": (
        "Highest level, highest first",
        lambda e: (-(e.highest_level or 0), e.pupil.legal_surname),
    ),
    "code": ("Census code (E, K, N)", lambda e: (CODE_ORDER[e.code], e.pupil.legal_surname)),
}


def _year_order(nc_year):
    return {"N1": -2, "N2": -1, "R": 0}.get(nc_year) or int(nc_year)


@dataclass
class RegisterEntry:
    pupil: object
    derivation: object  # census Derivation today, None when not on roll
    area_levels: dict  # broad area slug -> highest current level in its strands
    needs: list

    @property
    def upn(self):
        return self.pupil.upn

    @property
    def code(self):
        return self.derivation.code if self.derivation else None

    @property
    def highest_level(self):
        return self.derivation.highest_level if self.derivation else None

    @property
    def status(self):
        return register_status(self.derivation)

    @property
    def status_label(self):
        return STATUS_LABELS.get(self.status, "Not on roll")


def register_entries(pupils, on):
    """A RegisterEntry for each of `pupils` (a queryset) on `on`. Seven queries."""
    needs = needs_on(pupils, on)
    entries = []
    for pupil, held in pupil_records(pupils, on):
        area_levels = {}
        for assessment in current_levels(held.assessments, on).values():
            area = assessment.strand.area
            area_levels[area] = max(assessment.level, area_levels.get(area, 0))
        entries.append(RegisterEntry(pupil, derive(held, on), area_levels, needs.get(pupil.pk, [])))
    return entries


def filter_entries(
    entries, *, code="", level="", area="", status="", level_two_unclear=False, departs=False
):
    """Keep the entries matching every derived filter that is set."""
    kept = []
    for entry in entries:
        derivation = entry.derivation
        if code and entry.code != code:
            continue
        if level != "" and level is not None and (entry.highest_level or 0) != int(level):
            continue
        if area and entry.area_levels.get(area, 0) < 2:
            continue
        if status and entry.status != status:
            continue
        if level_two_unclear and not (derivation and derivation.level_two_unclear):
            continue
        if departs and not (derivation and derivation.departs_from_grid):
            continue
        kept.append(entry)
    return kept


def sort_entries(entries, sort):
    _, key = SORTS.get(sort) or SORTS["name"]
    return sorted(entries, key=key)


def summary(entries):
    """Counts for the summary line: by census code (E, K, N) and by register status."""
    codes = Counter(e.code for e in entries if e.code)
    statuses = Counter(e.status for e in entries if e.status)
    return {
        "total": len(entries),
        "codes": [(code, codes[code]) for code in ("E", "K", "N")],
        "statuses": [
            (label, statuses[key]) for key, label in STATUS_LABELS.items() if statuses[key]
        ],
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


def csv_lines(entries):
    writer = csv.writer(EchoLine(), lineterminator="\n")
    yield writer.writerow(CSV_COLUMNS)
    for e in entries:
        types = {need.rank: need.need_type for need in e.needs}
        yield writer.writerow(
            [
                e.pupil.upn,
                e.pupil.legal_surname,
                e.pupil.legal_forename,
                e.pupil.nc_year,
                getattr(e.pupil.class_group, "name", ""),
                e.code or "",
                e.derivation.basis if e.derivation else "not on roll",
                e.highest_level or "",
                e.status_label,
                types.get(1, ""),
                types.get(2, ""),
            ]
        )
