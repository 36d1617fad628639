"""Keeping every pupil's standing periods in step with their records and with the rules.

`standings_refresh` works the periods of some pupils out again from all their records and
replaces what was kept, in the caller's transaction; census.apps calls it whenever records
change (pupils.changes) and after every migrate for pupils whose periods were made by other
rules. `standings_drift` compares what is kept with what the rules give now.
"""

import hashlib
import inspect
from collections import defaultdict
from dataclasses import dataclass, fields
from functools import cache

from django.db import transaction

from pupils.models import (
    EHCPlan,
    LevelTwoCriterion,
    NeedAssessment,
    Pupil,
    SencoDecision,
    SENNeed,
)
from support_plans.models import PlanState, SupportPlan

from . import derivation, periods
from .derivation import (
    Assessment,
    Criterion,
    Decision,
    Need,
    Plan,
    PupilRecords,
    Standing,
    StrandInfo,
    SupportPlanSpan,
)
from .models import StandingPeriod

CHUNK = 1000  # pupils worked out together: a few queries each, in bounded memory


@cache
def rules_version():
    """A fingerprint of the rules' source: any change to how a standing is worked out gives
    a new version, so kept periods can never outlive the rules that made them (the periods
    are rebuilt after migrate)."""
    source = "".join(inspect.getsource(module) for module in (derivation, periods))
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def load_records(pupil_ids):
    """Pupil id -> (school id, PupilRecords) with every record they have, for pupils that
    exist. Seven queries whatever the number of pupils."""
    held = {
        pk: (school_id, PupilRecords(joined_on=joined, left_on=left))
        for pk, school_id, joined, left in Pupil.objects.filter(pk__in=pupil_ids)
        .order_by()
        .values_list("pk", "school_id", "joined_on", "left_on")
    }

    def each(queryset, *columns):
        # No ordering but the one asked for: the rules order records themselves.
        rows = queryset.filter(pupil_id__in=pupil_ids).values_list("pupil_id", *columns)
        for pupil_id, *values in rows:
            if pupil_id in held:
                yield held[pupil_id][1], values

    strands = {}
    for records, (*strand, level, on, pk) in each(
        NeedAssessment.objects.order_by(),
        "strand__slug",
        "strand__name",
        "strand__area__slug",
        "strand__position",
        "level",
        "assessed_on",
        "pk",
    ):
        info = strands.setdefault(tuple(strand), StrandInfo(*strand))
        records.assessments.append(Assessment(info, level, on, pk))
    for records, values in each(
        LevelTwoCriterion.objects.order_by(), "criterion", "recorded_on", "withdrawn_on"
    ):
        records.criteria.append(Criterion(*values))
    for records, values in each(
        SencoDecision.objects.order_by(), "code", "reason", "decided_on", "pk", "withdrawn_on"
    ):
        records.decisions.append(Decision(*values))
    # In id order: between two plans issued on one day, the first recorded gives E.
    for records, values in each(
        EHCPlan.objects.order_by("pk"), "issued_on", "ceased_on", "last_annual_review_on"
    ):
        records.plans.append(Plan(*values))
    for records, values in each(
        SENNeed.objects.order_by(), "need_type", "rank", "recorded_on", "pk", "ended_on"
    ):
        records.needs.append(Need(*values))
    in_force = SupportPlan.objects.exclude(state=PlanState.DRAFT).filter(starts_on__isnull=False)
    for records, values in each(in_force.order_by(), "starts_on", "ended_on"):
        records.support_plans.append(SupportPlanSpan(*values))
    return held


_STANDING_FIELDS = [f.name for f in fields(Standing)]


def kept_period(pupil_id, school_id, period, version):
    standing = period.standing
    values = {name: getattr(standing, name) for name in _STANDING_FIELDS}
    values["area_levels"] = dict(standing.area_levels)
    return StandingPeriod(
        pupil_id=pupil_id,
        school_id=school_id,
        valid_from=period.valid_from,
        valid_to=period.valid_to,
        rules_version=version,
        **values,
    )


def worked_out(pupil_ids):
    """Pupil id -> their StandingPeriods as the rules give them now (not saved)."""
    version = rules_version()
    return {
        pk: [kept_period(pk, school_id, p, version) for p in periods.periods(records)]
        for pk, (school_id, records) in load_records(pupil_ids).items()
    }


def _chunks(ids):
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def standings_refresh(pupil_ids):
    """Work out these pupils' periods again and keep them in place of the old, in one
    transaction (the caller's, when there is one). Pupils that no longer exist lose theirs."""
    with transaction.atomic():
        for chunk in _chunks(pupil_ids):
            periods_now = worked_out(chunk)
            StandingPeriod.objects.filter(pupil_id__in=chunk).delete()
            StandingPeriod.objects.bulk_create(
                [period for kept in periods_now.values() for period in kept], batch_size=1000
            )


def standings_rebuild(pupils=None, *, report=None):
    """Work out the periods of `pupils` (a queryset; every pupil when None) again, a
    transaction per thousand pupils. Returns how many pupils."""
    pupils = Pupil.objects.all() if pupils is None else pupils
    ids = list(pupils.values_list("pk", flat=True))
    for n, chunk in enumerate(_chunks(ids), start=1):
        standings_refresh(chunk)
        if report:
            report(min(n * CHUNK, len(ids)), len(ids))
    return len(ids)


def standings_rebuild_stale():
    """Rebuild every pupil with no periods kept by the rules of today (after a change of
    rules, or periods never made). One query when nothing is stale."""
    stale = Pupil.objects.exclude(standings__rules_version=rules_version())
    return standings_rebuild(stale)


_COMPARED = ["valid_from", "valid_to", "rules_version", "school_id", *_STANDING_FIELDS]


@dataclass(frozen=True)
class Drift:
    pupil_id: int
    upn: str
    kept: list
    rules: list

    def line(self):
        def show(periods_):
            return "; ".join(
                f"{p.valid_from}..{p.valid_to} {p.code or '-'} {p.basis}" for p in periods_
            )

        kept, rules = show(self.kept), show(self.rules)
        return f"pupil {self.pupil_id} ({self.upn}): kept [{kept}] rules [{rules}]"


def _row(period):
    return tuple(getattr(period, name) for name in _COMPARED)


def standings_drift(pupils=None):
    """Every pupil of `pupils` (every pupil when None) whose kept periods differ from what the
    rules give now, as Drifts."""
    pupils = Pupil.objects.all() if pupils is None else pupils
    upns = dict(pupils.values_list("pk", "upn"))
    for chunk in _chunks(upns):
        kept = defaultdict(list)
        for period in StandingPeriod.objects.filter(pupil_id__in=chunk).order_by("valid_from"):
            kept[period.pupil_id].append(period)
        for pk, rules in worked_out(chunk).items():
            if [_row(p) for p in kept[pk]] != [_row(p) for p in rules]:
                yield Drift(pk, upns[pk], kept[pk], rules)
