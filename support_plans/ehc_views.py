"""The SENCO's pages for an EHC plan's statutory work: planning and recording annual reviews,
and requests for an EHC needs assessment. Thin: forms check, support_plans.ehc writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from pupils.access import get_pupil_for
from pupils.ehc_clock import review_due
from sen_register.core import access
from sen_register.core.dates import in_words

from . import ehc
from .ehc_forms import AnnualReviewForm, NeedsAssessmentRequestForm
from .models import EHCAnnualReview, NeedsAssessmentRequest


def _editable(request, pk):
    return get_pupil_for(request.user, pk, "edit_sen_record")


@login_required
def annual_review_add(request, pk, plan_pk):
    pupil = _editable(request, pk)
    ehc_plan = get_object_or_404(pupil.ehc_plans, pk=plan_pk, ceased_on__isnull=True)
    planned = EHCAnnualReview(ehc_plan=ehc_plan)
    return _annual_review(request, pupil, planned, "Plan an annual review")


@login_required
def annual_review(request, pk, item):
    pupil = _editable(request, pk)
    review = get_object_or_404(EHCAnnualReview, pk=item, ehc_plan__pupil=pupil)
    return _annual_review(request, pupil, review, f"Annual review of {in_words(review.meeting_on)}")


def _annual_review(request, pupil, review, title):
    ehc_plan = review.ehc_plan
    ehc_plan.pupil = pupil
    form = AnnualReviewForm(request.POST or None, instance=review, ehc_plan=ehc_plan)
    if request.method == "POST" and form.is_valid():
        saved = ehc.annual_review_save(form.instance, user=request.user)
        held = " It counts as the plan's last annual review." if saved.is_held else ""
        messages.success(request, f"{saved} saved.{held}")
        return redirect("pupil_record", pk=pupil.pk)
    today = timezone.localdate()
    return render(
        request,
        "support_plans/ehc/annual_review_form.html",
        {
            "pupil": pupil,
            "form": form,
            "title": title,
            "ehc_plan": ehc_plan,
            "due": review_due(ehc_plan, today),
            "steps": review.steps() if review.pk else [],
            "today": today,
        },
    )


@login_required
def request_add(request, pk):
    pupil = _editable(request, pk)
    title = "Record a request for an EHC needs assessment"
    return _request(request, pupil, NeedsAssessmentRequest(pupil=pupil), title)


@login_required
def request_edit(request, pk, item):
    pupil = _editable(request, pk)
    found = get_object_or_404(pupil.ehc_requests, pk=item)
    return _request(request, pupil, found, "EHC needs assessment request")


def _request(request, pupil, ehc_request, title):
    form = NeedsAssessmentRequestForm(request.POST or None, instance=ehc_request)
    if request.method == "POST" and form.is_valid():
        saved = ehc.request_save(form.instance, user=request.user)
        issued = " The EHC plan is recorded from its date." if saved.ehc_plan_id else ""
        messages.success(request, f"The request is saved.{issued}")
        return redirect("pupil_record", pk=pupil.pk)
    return render(
        request,
        "support_plans/ehc/request_form.html",
        {
            "pupil": pupil,
            "form": form,
            "title": title,
            "ehc_request": ehc_request,
            "can_evidence_pack": access.can(request.user, "evidence_pack", pupil),
        },
    )
