"""Writes to a pupil's SEN record. Each appends: nothing recorded before is overwritten, so any
past day can be looked at again."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from sen_register.core.concurrency import StaleEdit

from .models import EHCPlan, LevelTwoCriterion, NeedAssessment, Pupil, SencoDecision, SENNeed


@transaction.atomic
def assessment_record(*, pupil, levels, assessed_on, note, user, seen_up_to=None):
    """One dated assessment for each strand given a level. Refused (StaleEdit) if someone else
    recorded an assessment for the pupil after `seen_up_to`, the newest the form showed."""
    if seen_up_to is not None:
        # The pupil's row is the lock two people recording at once queue on.
        Pupil.objects.select_for_update().get(pk=pupil.pk)
        newer = list(
            pupil.assessments.filter(pk__gt=seen_up_to).select_related("strand", "assessed_by")
        )
        if newer:
            raise StaleEdit(newer)
    return bulk_create_with_history(
        [
            NeedAssessment(
                pupil=pupil,
                strand=strand,
                level=level,
                assessed_on=assessed_on,
                note=note,
                assessed_by=user,
            )
            for strand, level in levels.items()
        ],
        NeedAssessment,
        default_user=user,
    )


def criterion_record(*, pupil, criterion, recorded_on, note, user):
    return LevelTwoCriterion.objects.create(
        pupil=pupil, criterion=criterion, recorded_on=recorded_on, note=note, recorded_by=user
    )


def decision_record(*, pupil, code, reason, decided_on, user):
    return SencoDecision.objects.create(
        pupil=pupil, code=code, reason=reason, decided_on=decided_on, decided_by=user
    )


def withdraw(*, record, withdrawn_on, note, user):
    """Withdraw a criterion or decision from a date; it stays in the history."""
    record.withdrawn_on = withdrawn_on
    record.withdrawn_by = user
    record.withdrawal_note = note
    record.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawal_note"])
    return record


@transaction.atomic
def needs_set(*, pupil, need_types, on, user):
    """Make the pupil's DfE needs from `on` the given {rank: code or ""}: a need that changes
    ends on that date and the new one starts; an unchanged one carries on."""
    held = {n.rank: n for n in SENNeed.objects.filter(pupil=pupil, ended_on__isnull=True)}
    changed = 0
    for rank, code in need_types.items():
        current = held.get(rank)
        if current and current.need_type == code:
            continue
        if current:
            current.ended_on = max(on, current.recorded_on)
            current.save(update_fields=["ended_on"])
            changed += 1
        if code:
            SENNeed.objects.create(
                pupil=pupil,
                need_type=code,
                rank=rank,
                recorded_on=max(on, current.recorded_on) if current else on,
                recorded_by=user,
            )
            changed += 1
    return changed


def ehc_plan_record(*, pupil, issued_on, local_authority, last_annual_review_on, user):
    return EHCPlan.objects.create(
        pupil=pupil,
        issued_on=issued_on,
        local_authority=local_authority,
        last_annual_review_on=last_annual_review_on,
        recorded_by=user,
    )


def ehc_plan_cease(*, plan, ceased_on, note):
    plan.ceased_on = ceased_on
    plan.ceasing_note = note
    plan.save(update_fields=["ceased_on", "ceasing_note"])
    return plan
