"""Pupils with their census derivation, highest level in each broad area and DfE needs, for
the pages that list a class or a caseload (the SENCO's home, a teacher's pupils, the provision
map). Derived in Python from each pupil's loaded records, in a fixed number of queries."""

from dataclasses import dataclass

from census.derivation import current_levels, derive
from census.records import needs_on, pupil_records
from census.status import STATUS_LABELS, register_status


@dataclass
class PupilEntry:
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


def pupil_entries(pupils, on):
    """A PupilEntry for each of `pupils` (a queryset) on `on`. Seven queries."""
    needs = needs_on(pupils, on)
    entries = []
    for pupil, held in pupil_records(pupils, on):
        area_levels = {}
        for assessment in current_levels(held.assessments, on).values():
            area = assessment.strand.area
            area_levels[area] = max(assessment.level, area_levels.get(area, 0))
        entries.append(PupilEntry(pupil, derive(held, on), area_levels, needs.get(pupil.pk, [])))
    return entries
