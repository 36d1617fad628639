"""Every change to a pupil's SEN records, newest first: who, when, and what changed, in
words: people, strands and plans by their names, never by database id. One query for each
kind of record and one for each kind of record named, whatever the length of the history;
what changed is worked out by comparing each version with the one before it."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from pupils.models import (
    EHCPlan,
    LevelTwoCriterion,
    NeedAssessment,
    ParentLink,
    Pupil,
    SencoDecision,
    SENNeed,
    Strand,
)
from sen_register.core.dates import in_words
from sen_register.core.models import User
from support_plans.models import (
    Outcome,
    OutcomeProgress,
    ParentContact,
    ParentViews,
    Provision,
    ProvisionImpact,
    Review,
    ReviewNote,
    SpecialistInvolvement,
    SupportPlan,
)

KINDS = {"+": "Added", "~": "Changed", "-": "Removed"}
# Not shown: bookkeeping, and the pupil every record in the history belongs to.
SKIPPED = {"id", "recorded_at", "created_at", "updated_at", "revision", "pupil"}

# What each kind of record is called on the page, where its model's name is not plain.
WHAT = {
    NeedAssessment: "Grid assessment",
    LevelTwoCriterion: "Level 2 criterion",
    SencoDecision: "SENCO decision",
    SENNeed: "Need type",
    Pupil: "Pupil's details",
}
# The date that tells one record of a kind from another, shown beside it.
DATED = {
    NeedAssessment: "assessed_on",
    LevelTwoCriterion: "recorded_on",
    SencoDecision: "decided_on",
    SENNeed: "recorded_on",
    EHCPlan: "issued_on",
    Review: "held_on",
    ReviewNote: "written_on",
    SpecialistInvolvement: "involved_on",
    ParentContact: "held_on",
    Provision: "starts_on",
}


@dataclass
class Change:
    at: datetime
    user: User | None
    what: str  # the kind of record
    kind: str  # Added, Changed, Removed
    label: str  # which record, in words
    changes: list[tuple[str, object, object]]  # (field, before, after)
    reason: str


@dataclass(frozen=True)
class Ref:
    """A record another record points to, named once every change is known."""

    model: type
    pk: int


def _sentence_case(name):
    """A model's name at the start of a sentence, abbreviations kept: "EHC plan"."""
    return name[:1].upper() + name[1:]


def _name(record):
    if isinstance(record, SupportPlan):
        return f"{record.get_kind_display()} {record.version}"
    if isinstance(record, Pupil):
        return record.display_name
    return str(record)


class Names:
    """The names of the records a history refers to: one query per kind of record."""

    def __init__(self):
        self.wanted = defaultdict(set)
        self.names = {}

    def ref(self, model, pk):
        if pk is None:
            return ""
        self.wanted[model].add(pk)
        return Ref(model, pk)

    def load(self):
        for model, pks in self.wanted.items():
            found = {record.pk: _name(record) for record in model._base_manager.filter(pk__in=pks)}
            for pk in pks:
                self.names[Ref(model, pk)] = found.get(pk, "(since removed)")

    def word(self, value):
        return self.names[value] if isinstance(value, Ref) else value


def historical_rows(pupil):
    """(model, its historical rows for this pupil) for every kind of SEN record."""
    plans = SupportPlan.history.filter(pupil_id=pupil.pk).values("id")
    outcomes = Outcome.history.filter(plan_id__in=plans).values("id")
    reviews = Review.history.filter(plan_id__in=plans).values("id")
    return [
        (Pupil, Pupil.history.filter(id=pupil.pk)),
        (ParentLink, ParentLink.history.filter(pupil_id=pupil.pk)),
        (NeedAssessment, NeedAssessment.history.filter(pupil_id=pupil.pk)),
        (LevelTwoCriterion, LevelTwoCriterion.history.filter(pupil_id=pupil.pk)),
        (SencoDecision, SencoDecision.history.filter(pupil_id=pupil.pk)),
        (SENNeed, SENNeed.history.filter(pupil_id=pupil.pk)),
        (EHCPlan, EHCPlan.history.filter(pupil_id=pupil.pk)),
        (SupportPlan, SupportPlan.history.filter(pupil_id=pupil.pk)),
        (Outcome, Outcome.history.filter(plan_id__in=plans)),
        (Provision, Provision.history.filter(plan_id__in=plans)),
        (Review, Review.history.filter(plan_id__in=plans)),
        (OutcomeProgress, OutcomeProgress.history.filter(review_id__in=reviews)),
        (ProvisionImpact, ProvisionImpact.history.filter(review_id__in=reviews)),
        (ReviewNote, ReviewNote.history.filter(outcome_id__in=outcomes)),
        (SpecialistInvolvement, SpecialistInvolvement.history.filter(pupil_id=pupil.pk)),
        (ParentContact, ParentContact.history.filter(pupil_id=pupil.pk)),
        (ParentViews, ParentViews.history.filter(pupil_id=pupil.pk)),
    ]


def _fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED]


def _value(row, field, names):
    value = getattr(row, field.attname)
    if field.is_relation:
        return names.ref(field.related_model, value)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date) and not isinstance(value, datetime):
        return in_words(value)
    return "" if value is None else value


def _diff(row, now, before):
    if row.history_type == "-":
        return []
    if before is None or row.history_type == "+":
        return [(k, "", v) for k, v in now.items() if v != ""]
    return [(k, before[k], v) for k, v in now.items() if before.get(k) != v]


def _changes_of(model, rows, names):
    fields = _fields(model)
    previous = {}
    for row in rows.select_related("history_user").order_by("history_date", "history_id"):
        now = {f.verbose_name: _value(row, f, names) for f in fields}
        diff = _diff(row, now, previous.get(row.id))
        previous[row.id] = now
        if row.history_type == "~" and not diff:
            continue  # saved with nothing changed
        yield Change(
            at=row.history_date,
            user=row.history_user,
            what=WHAT.get(model, _sentence_case(model._meta.verbose_name)),
            kind=KINDS[row.history_type],
            label=_label(model, row, names),
            changes=diff,
            reason=row.history_change_reason or "",
        )


def pupil_history(pupil, limit=500):
    names = Names()
    changes = [
        change
        for model, rows in historical_rows(pupil)
        for change in _changes_of(model, rows, names)
    ]
    changes.sort(key=lambda c: c.at, reverse=True)
    changes = changes[:limit]
    names.load()
    for change in changes:
        change.label = ", ".join(str(names.word(part)) for part in change.label)
        change.changes = [(k, names.word(b), names.word(a)) for k, b, a in change.changes]
    return changes


def _label(model, row, names):
    """Which record of its kind a change is to, in words: its parts, named once loaded."""
    parts = [_subject(model, row, names)]
    dated = getattr(row, DATED[model]) if model in DATED else None
    if dated:  # a specialist asked for at a review has no date of advice yet
        parts.append(in_words(dated))
    return [part for part in parts if part]


def _subject(model, row, names):
    if model is NeedAssessment:
        return names.ref(Strand, row.strand_id)
    if model is SupportPlan:
        return f"plan {row.version}"
    if model is ParentLink:
        return names.ref(User, row.parent_id)
    if model in (OutcomeProgress, ReviewNote):
        return names.ref(Outcome, row.outcome_id)
    if model is ProvisionImpact:
        return names.ref(Provision, row.provision_id)
    if model is Outcome:
        return row.what_will_change[:80]
    if model is Provision:
        return row.what
    return ""
