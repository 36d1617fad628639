"""Multi-step writes for support plans: each runs in one transaction."""

from django.db import transaction
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from pupils.models import SencoDecision
from pupils.services import decision_record
from sen_register.core.concurrency import locked_current
from sen_register.core.dates import in_words

from .ehc import request_open
from .models import (
    Outcome,
    OutcomeProgress,
    PlanState,
    Provision,
    ProvisionImpact,
    Review,
    ReviewDecision,
    SpecialistInvolvement,
    SupportPlan,
)

# The plan's own words: edited on one form, copied into the next plan.
PLAN_TEXT = [
    "about_me",
    "pupil_views",
    "strengths",
    "finds_hard",
    "helps_me",
    "talk_to_me",
    "parent_views",
    "needs_summary",
    "strategies",
]


class PlanStateError(Exception):
    """An action that the plan's state does not allow, with a message for the person."""


@transaction.atomic
def plan_create(*, pupil, kind, needs_summary, user):
    """A new draft. It copies the latest plan's text, outcomes and provision to edit, so the
    SENCO starts from where the last cycle ended."""
    latest = pupil.support_plans.exclude(state=PlanState.DRAFT).order_by("-version").first()
    version = (pupil.support_plans.aggregate(n=Max("version"))["n"] or 0) + 1
    plan = SupportPlan(pupil=pupil, version=version, kind=kind, created_by=user, previous=latest)
    if latest:
        for name in PLAN_TEXT:
            setattr(plan, name, getattr(latest, name))
    if not plan.needs_summary:
        plan.needs_summary = needs_summary
    plan.save()
    if latest:
        bulk_create_with_history(
            [
                Outcome(
                    plan=plan,
                    position=o.position,
                    what_will_change=o.what_will_change,
                    how_measured=o.how_measured,
                    baseline=o.baseline,
                    target_on=o.target_on,
                )
                for o in latest.outcomes.all()
            ],
            Outcome,
            default_user=user,
        )
        bulk_create_with_history(
            [
                Provision(
                    plan=plan,
                    **{
                        f.name: getattr(p, f.name)
                        for f in Provision._meta.concrete_fields
                        if f.name not in ("id", "plan")
                    },
                )
                for p in latest.provisions.all()
            ],
            Provision,
            default_user=user,
        )
    return plan


@transaction.atomic
def plan_activate(*, plan, starts_on):
    """Make a draft the pupil's plan from `starts_on`; the plan it replaces is superseded and
    stays readable."""
    plan = SupportPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != PlanState.DRAFT:
        raise PlanStateError("Only a draft plan can be made active.")
    if not plan.outcomes.exists():
        raise PlanStateError("Add at least one outcome before making the plan active.")
    current = plan.pupil.support_plans.active().select_for_update().first()
    plan.revision += 1
    if current:
        if starts_on < (current.starts_on or starts_on):
            raise PlanStateError(
                f"The new plan cannot start before the current one ({in_words(current.starts_on)})."
            )
        current.state = PlanState.SUPERSEDED
        current.ended_on = starts_on
        current.revision += 1
        current.save(update_fields=["state", "ended_on", "updated_at", "revision"])
    plan.state = PlanState.ACTIVE
    plan.starts_on = starts_on
    plan.save(update_fields=["state", "starts_on", "updated_at", "revision"])
    return plan


@transaction.atomic
def plan_close(*, plan, ended_on):
    plan = SupportPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != PlanState.ACTIVE:
        raise PlanStateError("Only the active plan can be closed.")
    if ended_on < plan.starts_on:
        raise PlanStateError(f"The plan cannot end before it started ({in_words(plan.starts_on)}).")
    plan.state = PlanState.CLOSED
    plan.ended_on = ended_on
    plan.revision += 1
    plan.save(update_fields=["state", "ended_on", "updated_at", "revision"])
    return plan


@transaction.atomic
def review_record(
    *, plan, details, ratings, impacts, user, opened_at_revision=None, specialist_service=""
):
    """A review closing a cycle: progress on each outcome, impact of each provision, and a
    decision, which acts (`_act_on`). The plan's next review date follows the review's.
    Refused (StaleEdit) if the plan was saved by someone else since the form was opened."""
    if opened_at_revision is not None:
        plan = locked_current(SupportPlan, plan.pk, opened_at_revision)
    if plan.state != PlanState.ACTIVE:
        raise PlanStateError("Only the active plan can be reviewed.")
    review = Review.objects.create(plan=plan, recorded_by=user, **details)
    bulk_create_with_history(
        [
            OutcomeProgress(review=review, outcome=outcome, rating=rating, comment=comment)
            for outcome, (rating, comment) in ratings.items()
        ],
        OutcomeProgress,
        default_user=user,
    )
    bulk_create_with_history(
        [
            ProvisionImpact(review=review, provision=provision, impact=impact, comment=comment)
            for provision, (impact, comment) in impacts.items()
        ],
        ProvisionImpact,
        default_user=user,
    )
    plan.next_review_on = review.next_review_on
    plan.revision += 1
    plan.save(update_fields=["next_review_on", "updated_at", "revision"])
    return review, _act_on(review, plan, user, specialist_service)


def _act_on(review, plan, user, specialist_service):
    """What the review's decision sets going, in the review's transaction. Returns a new draft
    plan when one is started."""
    if review.decision == ReviewDecision.NEW_PLAN:
        return plan_create(
            pupil=plan.pupil, kind=plan.kind, needs_summary=plan.needs_summary, user=user
        )
    if review.decision == ReviewDecision.REMOVE:
        # The census code follows the decision: the grid alone may still give K.
        plan_close(plan=plan, ended_on=review.held_on)
        decision_record(
            pupil=plan.pupil,
            code=SencoDecision.Code.N,
            reason=f"Removed from the SEN register at the review of {in_words(review.held_on)}: "
            f"needs met. {review.summary}".strip(),
            decided_on=review.held_on,
            user=user,
        )
    elif review.decision == ReviewDecision.EHC_REQUEST:
        request_open(pupil=plan.pupil, review=review, user=user)
    elif review.decision == ReviewDecision.SPECIALIST:
        SpecialistInvolvement.objects.create(
            pupil=plan.pupil,
            service=specialist_service,
            requested_on=review.held_on,
            recorded_by=user,
        )
    return None
