"""Writing an EHC plan's statutory work, each in one transaction with what it changes: an
annual review held moves the plan's "last annual review" (which the overdue check reads); a
request ending in a final plan records that plan, so the census code becomes E from its date."""

from django.db import transaction
from django.db.models import Max

from pupils.services import ehc_plan_record

from .models import NeedsAssessmentRequest, RequestOutcome


@transaction.atomic
def annual_review_save(review, *, user):
    review.recorded_by = user
    review.save()
    plan = review.ehc_plan
    held = plan.annual_reviews.exclude(recommendation="").aggregate(last=Max("meeting_on"))["last"]
    if held and (plan.last_annual_review_on is None or held > plan.last_annual_review_on):
        plan.last_annual_review_on = held
        plan.save(update_fields=["last_annual_review_on"])
    return review


@transaction.atomic
def request_save(request, *, user):
    """Save a needs-assessment request; a final plan recorded as issued becomes the pupil's
    EHC plan from that date (once)."""
    request.recorded_by = user
    if request.outcome == RequestOutcome.ISSUED and request.ehc_plan_id is None:
        request.ehc_plan = ehc_plan_record(
            pupil=request.pupil,
            issued_on=request.outcome_on,
            local_authority=request.local_authority,
            last_annual_review_on=None,
            user=user,
        )
    request.save()
    return request


def request_open(*, pupil, review, user):
    """A request opened by a review's decision, being prepared: the school sends it."""
    return NeedsAssessmentRequest.objects.create(pupil=pupil, review=review, recorded_by=user)
