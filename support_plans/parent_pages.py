"""What parents see: their child's plans in plain language (never drafts or staff notes),
reviews the school has shared, meetings, and a form to send their views before a review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from pupils.access import get_pupil_for
from pupils.dating import current_by_strand
from pupils.grid import descriptors, strand_descriptors
from pupils.models import ParentLink, Strand
from sen_register.core.audit import log_access
from support_plans.access import get_plan_for

from .forms import ParentViewsForm
from .models import ContactKind, PlanState, Review


def _child_plan(request, pk, plan_pk):
    pupil = get_pupil_for(request.user, pk, "parent_pages")
    plan = get_plan_for(request.user, plan_pk, "parent_pages")
    if plan.pupil_id != pupil.pk:
        raise Http404("No such plan.")
    return pupil, plan


def _needs(school, current):
    """(assessment, what its level means on its strand) for strands at level 2 or above,
    greatest need first."""
    meanings = strand_descriptors(school)
    above_one = sorted((a for a in current.values() if a.level >= 2), key=lambda a: -a.level)
    return [(a, meanings.get((a.strand_id, a.level))) for a in above_one]


@login_required
def child(request, pk):
    pupil = get_pupil_for(request.user, pk, "parent_pages")
    log_access(request, pupil, "parent's page")
    today = timezone.localdate()
    plans = list(pupil.support_plans.seen_by_parents().prefetch_related("outcomes", "provisions"))
    active = next((p for p in plans if p.state == PlanState.ACTIVE), None)
    # Levels on the school's own grid: a grid the school has left is history, not today.
    on_grid = pupil.assessments.filter(strand__in=Strand.objects.of(pupil.school))
    current = current_by_strand(on_grid.select_related("strand"), today)
    return render(
        request,
        "support_plans/parents/child.html",
        {
            "pupil": pupil,
            "plan": active,
            "past_plans": [p for p in plans if p.state != PlanState.ACTIVE],
            "needs": _needs(pupil.school, current),
            "descriptors": descriptors(pupil.school),
            "reviews": Review.objects.filter(plan__pupil=pupil, shared_with_parents=True)
            .exclude(plan__state=PlanState.DRAFT)
            .prefetch_related("progress__outcome"),
            "advice": pupil.specialists.shared_with_parents(by=today),
            "documents": pupil.documents.filter(shared_with_parents=True),
            "meetings": pupil.parent_contacts.filter(kind=ContactKind.MEETING)[:6],
            "views_sent": pupil.views_sent.filter(submitted_by=request.user)[:3],
        },
    )


@login_required
def child_plan(request, pk, plan_pk):
    pupil, plan = _child_plan(request, pk, plan_pk)
    log_access(request, pupil, f"parent's page, plan {plan.version}")
    return render(
        request,
        "support_plans/parents/plan.html",
        {
            "pupil": pupil,
            "plan": plan,
            "outcomes": list(plan.outcomes.all()),
            "provisions": list(plan.provisions.all()),
            "reviews": [
                r
                for r in plan.reviews.prefetch_related("progress__outcome")
                if r.shared_with_parents
            ],
        },
    )


@login_required
def send_views(request, pk):
    pupil = get_pupil_for(request.user, pk, "send_views_before_review")
    form = ParentViewsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.pupil = pupil
        form.instance.plan = pupil.support_plans.active().first()
        form.instance.submitted_by = request.user
        form.save()
        messages.success(request, "Thank you. Your views have been sent to the school's SENCO.")
        return redirect("child", pk=pupil.pk)
    return render(request, "support_plans/parents/views_form.html", {"pupil": pupil, "form": form})


@login_required
def child_reminders(request, pk):
    """A parent stops (or starts again) the emails asking for their views before a review."""
    pupil = get_pupil_for(request.user, pk, "parent_pages")
    link = get_object_or_404(ParentLink, pupil=pupil, parent=request.user)
    if request.method == "POST":
        link.review_reminders = request.POST.get("review_reminders") == "on"
        link.save(update_fields=["review_reminders"])
        state = "will" if link.review_reminders else "will no longer"
        messages.success(request, f"You {state} be emailed before {pupil.display_name}'s reviews.")
        return redirect("child", pk=pupil.pk)
    return render(request, "support_plans/parents/reminders.html", {"pupil": pupil, "link": link})
