"""Every change to a pupil's SEN records, newest first: who, when, and what changed. One query
for each kind of record, whatever the length of the history; what changed is worked out by
comparing each version with the one before it."""

from dataclasses import dataclass
from datetime import datetime

from pupils.models import (
    EHCPlan,
    LevelTwoCriterion,
    NeedAssessment,
    ParentLink,
    Pupil,
    SencoDecision,
    SENNeed,
)
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
SKIPPED = {"id", "recorded_at", "created_at", "updated_at", "revision"}


@dataclass
class Change:
    at: datetime
    user: User | None
    what: str  # the kind of record
    kind: str  # Added, Changed, Removed
    label: str  # which record
    changes: list[tuple[str, object, object]]  # (field, before, after)
    reason: str


def historical_rows(pupil):
    """(model, its historical rows for this pupil) for every kind of SEN record."""
    plans = SupportPlan.history.filter(pupil_id=pupil.pk).values("id")
    outcomes = Outcome.history.filter(plan_id__in=plans).values("id")
    reviews = Review.history.filter(plan_id__in=plans).values("id")
    return [
        (Pupil, Pupil.history.filter(id=pupil.pk)),
        (ParentLink, ParentLink.history.filter(pupil_id=pupil.pk)),
        (NeedAssessment, NeedAssessment.history.filter(pupil_id=pupil.pk).select_related("strand")),
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


def _value(row, field):
    value = getattr(row, field.attname)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return "" if value is None else value


def pupil_history(pupil, limit=500):
    changes = []
    for model, rows in historical_rows(pupil):
        fields = _fields(model)
        previous = {}
        for row in rows.select_related("history_user").order_by("history_date", "history_id"):
            before = previous.get(row.id)
            now = {f.verbose_name: _value(row, f) for f in fields}
            if before is None or row.history_type != "~":
                diff = (
                    []
                    if row.history_type == "-"
                    else [(k, "", v) for k, v in now.items() if v != ""]
                )
            else:
                diff = [(k, before[k], v) for k, v in now.items() if before.get(k) != v]
            previous[row.id] = now
            if row.history_type == "~" and not diff:
                continue  # saved with nothing changed
            changes.append(
                Change(
                    at=row.history_date,
                    user=row.history_user,
                    what=model._meta.verbose_name.capitalize(),
                    kind=KINDS[row.history_type],
                    label=_label(model, row),
                    changes=diff,
                    reason=row.history_change_reason or "",
                )
            )
    changes.sort(key=lambda c: c.at, reverse=True)
    return changes[:limit]


def _label(model, row):
    if model is NeedAssessment:
        return f"{row.strand.name}, {row.assessed_on:%-d %b %Y}"
    if model is SupportPlan:
        return f"plan {row.version}"
    return f"#{row.id}"
