"""Loading the records the derivation needs, for many pupils in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from pupils.models import (
    EHCPlan,
    LevelTwoCriterion,
    NeedAssessment,
    Pupil,
    SencoDecision,
    SENNeed,
    Strand,
)

from .derivation import (
    Assessment,
    Criterion,
    Decision,
    Derivation,
    Plan,
    PupilRecords,
    StrandInfo,
    derive,
)
from .standing import chosen_pupils, keep_school_standings, standings


def _pupil_filter(pupils):
    # A queryset goes in as a subquery: no list of ids, whatever the size of the school.
    if isinstance(pupils, QuerySet):
        return {"pupil_id__in": pupils.values("pk")}
    return {"pupil_id__in": [p.pk for p in pupils]}


def load_records(pupils, on):
    """Pupil id -> PupilRecords as they stood on `on` (nothing dated after it is read).
    Five queries whatever the number of pupils."""
    strands = {
        s.pk: StrandInfo(slug=s.slug, name=s.name, area=s.area.slug, position=s.position)
        for s in Strand.objects.select_related("area")
    }
    where = _pupil_filter(pupils)
    records = defaultdict(PupilRecords)
    for pupil_id, strand_id, level, assessed_on, pk in NeedAssessment.objects.filter(
        assessed_on__lte=on, **where
    ).values_list("pupil_id", "strand_id", "level", "assessed_on", "pk"):
        records[pupil_id].assessments.append(Assessment(strands[strand_id], level, assessed_on, pk))
    for pupil_id, slug, recorded_on, withdrawn_on in LevelTwoCriterion.objects.filter(
        recorded_on__lte=on, **where
    ).values_list("pupil_id", "criterion", "recorded_on", "withdrawn_on"):
        records[pupil_id].criteria.append(Criterion(slug, recorded_on, withdrawn_on))
    for pupil_id, code, reason, decided_on, pk, withdrawn_on in SencoDecision.objects.filter(
        decided_on__lte=on, **where
    ).values_list("pupil_id", "code", "reason", "decided_on", "pk", "withdrawn_on"):
        records[pupil_id].decisions.append(Decision(code, reason, decided_on, pk, withdrawn_on))
    # In id order: between two plans issued on one day, the first recorded gives E.
    for pupil_id, issued_on, ceased_on, reviewed_on in (
        EHCPlan.objects.filter(issued_on__lte=on, **where)
        .order_by("pk")
        .values_list("pupil_id", "issued_on", "ceased_on", "last_annual_review_on")
    ):
        records[pupil_id].plans.append(Plan(issued_on, ceased_on, reviewed_on))
    return records


def needs_on(pupils, on):
    """Pupil id -> the DfE needs held on `on`, by rank. One query."""
    needs = defaultdict(list)
    for need in (
        SENNeed.objects.current_on(on)
        .filter(**_pupil_filter(pupils))
        .order_by("rank", "recorded_on", "pk")
    ):
        needs[need.pupil_id].append(need)
    return needs


@dataclass
class CensusRow:
    pupil: Pupil
    derivation: Derivation
    needs: list

    @property
    def upn(self):
        return self.pupil.upn

    def need_type(self, rank):
        for need in self.needs:
            if need.rank == rank:
                return need.need_type
        return ""


def pupil_records(pupils, on):
    """(pupil, PupilRecords as they stood on `on`) for each of `pupils` (a queryset or a
    list). Five queries."""
    records = load_records(pupils, on)
    for pupil in pupils:
        held = records.get(pupil.pk, PupilRecords())
        held.joined_on, held.left_on = pupil.joined_on, pupil.left_on
        yield pupil, held


def derive_pupils(pupils, on):
    """(pupil, Derivation on `on`) for each of `pupils`; the derivation is None for a pupil
    not on roll that day. Five queries."""
    return [(pupil, derive(held, on)) for pupil, held in pupil_records(pupils, on)]


def with_census(pupils, on):
    """Set `census` (the Derivation, None if not on roll) and `highest_level` on each pupil
    of a list, e.g. a page of the register. Five queries."""
    pupils = list(pupils)
    for pupil, derivation in derive_pupils(pupils, on):
        pupil.census = derivation
        pupil.highest_level = derivation.highest_level if derivation else None
    return pupils


def census_rows(school, on):
    """One row per pupil on roll at `school` on `on`, ordered by UPN, with the pupil and their
    needs as records, for the census page and its checks. The codes come from the standing
    query. Four queries whatever the size of the school."""
    pupils = Pupil.objects.at(school).on_roll(on=on).order_by("upn")
    keep_school_standings([school.pk], on)
    standing = {s.pupil_id: s for s in standings(chosen_pupils(pupils), on, keep=False)}
    needs = needs_on(pupils, on)
    return [
        CensusRow(pupil, standing[pupil.pk].derivation, needs.get(pupil.pk, [])) for pupil in pupils
    ]
