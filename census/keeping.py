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

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from pupils.models import (
    EHCPlan,
    LevelTwoCriterion,
    LevelTwoCriterionKind,
    NeedAssessment,
    Pupil,
    SencoDecision,
    SENNeed,
)
from sen_register.formats.en_GB import formats
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
from .frameworks import RULE_SETS, grid_answer
from .models import StandingPeriod

CHUNK = 1000  # pupils worked out together: a few queries each, in bounded memory


@cache
def rules_version():
    """A fingerprint of the rules' source: any change to how a standing is worked out gives
    a new version, so kept periods can never outlive the rules that made them (the periods
    are rebuilt after migrate). The wording the basis borrows (criterion names, the date
    format) is part of it."""
    modules = (derivation, periods, formats, grid_answer, *RULE_SETS.values())
    source = "".join(inspect.getsource(module) for module in modules)
    source += repr(LevelTwoCriterionKind.choices)
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def among(ids):
    """What `pupil_id__in` is given for a list of ids. On PostgreSQL one array parameter: a
    thousand placeholders cost psycopg more to bind than the query cost to run (seven
    queries for 3,000 pupils: 0.42 s, of which 0.26 s binding)."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])
    return list(ids)


def _each(held, pupil_ids, queryset, *columns):
    """(the pupil's PupilRecords, the row's values) for each row of `queryset` about them.
    No ordering but the one asked for: the rules order records themselves."""
    rows = queryset.filter(pupil_id__in=pupil_ids).values_list("pupil_id", *columns)
    for pupil_id, *values in rows:
        if pupil_id in held:
            yield held[pupil_id][1], values


def load_records(pupil_ids):
    """Pupil id -> (school id, PupilRecords) with every record they have, for pupils that
    exist, and the rule set of their school's framework. Seven queries whatever the number of
    pupils."""
    pupil_ids = among(pupil_ids)
    held, framework_of = {}, {}
    for pk, school_id, framework_id, rules, joined, left in (
        Pupil.objects.filter(pk__in=pupil_ids)
        .order_by()
        .values_list(
            "pk",
            "school_id",
            "school__authority__framework_id",
            "school__authority__framework__rules",
            "joined_on",
            "left_on",
        )
    ):
        held[pk] = (school_id, PupilRecords(joined_on=joined, left_on=left, rules=rules))
        framework_of[pk] = framework_id

    def each(queryset, *columns):
        return _each(held, pupil_ids, queryset, *columns)

    _load_assessments(held, pupil_ids, framework_of)
    for records, values in each(
        LevelTwoCriterion.objects.order_by(), "criterion", "recorded_on", "withdrawn_on"
    ):
        records.criteria.append(Criterion(*values))
    _load_decisions(each)
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


def _load_assessments(held, pupil_ids, framework_of):
    """Each pupil's assessments on their school's framework's grid. Those on another grid
    (made before the school's authority changed framework) stay in the history and count
    for nothing: one framework's levels mean nothing under another's rules."""
    strands: dict[tuple, StrandInfo] = {}
    rows = NeedAssessment.objects.filter(pupil_id__in=pupil_ids).order_by()
    for pupil_id, framework_id, slug, name, area, position, level, on, pk in rows.values_list(
        "pupil_id",
        "strand__framework_id",
        "strand__slug",
        "strand__name",
        "strand__area__slug",
        "strand__position",
        "level",
        "assessed_on",
        "pk",
    ):
        if framework_of.get(pupil_id) != framework_id:
            continue
        key = (slug, name, area, position)
        info = strands.setdefault(key, StrandInfo(slug, name, area, position))
        held[pupil_id][1].assessments.append(Assessment(info, level, on, pk))


def _load_decisions(each):
    """The SENCO decisions, each marked when it came from the previous school."""
    columns = ("code", "reason", "decided_on", "pk", "withdrawn_on", "transfer_id")
    for records, (*values, transfer_id) in each(SencoDecision.objects.order_by(), *columns):
        code, reason, on, pk, withdrawn = values
        records.decisions.append(Decision(code, reason, on, pk, withdrawn, transfer_id is not None))


_STANDING_FIELDS = [f.name for f in fields(Standing)]


def kept_values(pupil_id, school_id, period, version):
    """A period's columns, by the model's field names."""
    values = {name: getattr(period.standing, name) for name in _STANDING_FIELDS}
    values["area_levels"] = dict(period.standing.area_levels)
    return {
        "pupil_id": pupil_id,
        "school_id": school_id,
        "valid_from": period.valid_from,
        "valid_to": period.valid_to,
        "rules_version": version,
        **values,
    }


def worked_out(pupil_ids):
    """Pupil id -> the column values of their periods as the rules give them now."""
    version = rules_version()
    return {
        pk: [kept_values(pk, school_id, p, version) for p in periods.periods(records)]
        for pk, (school_id, records) in load_records(pupil_ids).items()
    }


def _chunks(ids):
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


_FIELDS = [f for f in StandingPeriod._meta.concrete_fields if not f.primary_key]
_COLUMNS = [f.attname for f in _FIELDS]


def _insert(kept):
    """Write periods (column values by field name). Not bulk_create: periods are written in
    the same transaction as every import, and turning each into a model instance and each
    value through its field took longer than the import's own records (1.2 s for 7,000
    periods on PostgreSQL; COPY takes 0.14 s). The values are plain dates, numbers, text and
    booleans, which both drivers take as they are; only the levels by area are JSON."""
    ops = connection.ops
    rows = [
        tuple(
            ops.adapt_json_value(values[name], None) if name == "area_levels" else values[name]
            for name in _COLUMNS
        )
        for values in kept
    ]
    if not rows:
        return
    table = ops.quote_name(StandingPeriod._meta.db_table)
    columns = ", ".join(ops.quote_name(str(f.column)) for f in _FIELDS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(_COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)


def standings_refresh(pupil_ids):
    """Work out these pupils' periods again and keep them in place of the old, in one
    transaction (the caller's, when there is one). Pupils that no longer exist lose theirs."""
    with transaction.atomic():
        for chunk in _chunks(pupil_ids):
            periods_now = worked_out(chunk)
            StandingPeriod.objects.filter(pupil_id__in=among(chunk)).delete()
            _insert(values for kept in periods_now.values() for values in kept)


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
    kept: list[StandingPeriod]  # the periods the database holds
    rules: list[StandingPeriod]  # the periods the rules give now

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
        for pk, values in worked_out(chunk).items():
            rules = [StandingPeriod(**v) for v in values]
            if [_row(p) for p in kept[pk]] != [_row(p) for p in rules]:
                yield Drift(pk, upns[pk], kept[pk], rules)
