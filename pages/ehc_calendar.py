"""The SENCO's EHC calendar: every statutory date the school's EHC work runs to, soonest first
(annual reviews and each of their steps, and the local authority's clock on each request for
an EHC needs assessment). Dates come from pupils.ehc_clock; three queries whatever the number
of plans."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch
from django.urls import reverse

from pupils.ehc_clock import review_due
from pupils.models import EHCPlan
from sen_register.core.dates import in_words
from support_plans.models import EHCAnnualReview, NeedsAssessmentRequest

SOON = timedelta(days=28)


@dataclass(frozen=True)
class Due:
    on: date
    what: str
    pupil: object
    url: str


def _review_items(plan, today):
    open_reviews = [r for r in plan.annual_reviews.all() if not r.report_sent_on]
    if not open_reviews:
        due = review_due(plan, today)
        url = reverse("ehc_review_add", args=[plan.pupil_id, plan.pk])
        return [Due(due, "Annual review due: plan it", plan.pupil, url)]
    items = []
    for review in open_reviews:
        url = reverse("ehc_review", args=[plan.pupil_id, review.pk])
        items += [
            Due(
                due_by,
                f"{step} (annual review meeting {in_words(review.meeting_on)})",
                plan.pupil,
                url,
            )
            for step, due_by, done_on in review.steps()
            if done_on is None
        ]
    return items


def _request_items(request):
    url = reverse("ehc_request", args=[request.pupil_id, request.pk])
    if request.requested_on is None:
        return [
            Due(
                request.created_at.date(),
                "Send the EHC needs assessment request",
                request.pupil,
                url,
            )
        ]
    if not request.decision:
        return [
            Due(
                request.decision_due,
                "The local authority's decision whether to assess",
                request.pupil,
                url,
            )
        ]
    return [Due(request.final_plan_due, "The final EHC plan", request.pupil, url)]


def ehc_calendar(school, today):
    """{"overdue", "soon" (within four weeks), "later"}: lists of Due, soonest first."""
    plans = (
        EHCPlan.objects.in_force_on(today)
        .filter(pupil__school=school)
        .select_related("pupil")
        .prefetch_related(
            Prefetch("annual_reviews", EHCAnnualReview.objects.order_by("meeting_on"))
        )
    )
    requests = NeedsAssessmentRequest.objects.filter(pupil__school=school).select_related("pupil")
    items = [item for plan in plans for item in _review_items(plan, today)]
    items += [item for r in requests if r.is_open for item in _request_items(r)]
    items.sort(key=lambda item: (item.on, item.pupil.legal_surname))
    return {
        "overdue": [i for i in items if i.on < today],
        "soon": [i for i in items if today <= i.on <= today + SOON],
        "later": [i for i in items if i.on > today + SOON],
    }
