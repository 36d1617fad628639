"""Support plans, outcomes, provision, reviews and notes. A new plan, the teacher's "my
pupils" page and the provision map read the census, so they are in `pages`."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from pupils.access import get_pupil_for
from sen_register.core import access
from sen_register.core.audit import log_access
from sen_register.core.concurrency import StaleEdit, save_if_unchanged
from support_plans.access import get_plan_for

from . import services
from .costs import Period, above_threshold, cost_in, threshold, weeks_in
from .forms import (
    DatedChangeForm,
    OutcomeForm,
    ParentContactForm,
    PlanTextForm,
    ProvisionForm,
    ReviewForm,
    ReviewNoteForm,
    SpecialistForm,
)
from .models import (
    Outcome,
    OutcomeProgress,
    PlanState,
    Provision,
    ProvisionImpact,
    ReviewDecision,
    ReviewNote,
)


def _page(request, template, **context):
    return render(request, f"support_plans/{template}", context)


def _to_plan(request, plan, message, level=messages.SUCCESS):
    messages.add_message(request, level, message)
    return redirect("plan", pk=plan.pk)


def _editable_plan(request, pk):
    """The plan if the user may edit it and its state allows changes; else None, with a
    message saying why."""
    plan = get_plan_for(request.user, pk, "edit_sen_record")
    if not plan.is_editable:
        messages.error(
            request, f"This plan is {plan.get_state_display().lower()}: it is kept as it was."
        )
        return plan, False
    return plan, True


@login_required
def plan_detail(request, pk):
    plan = get_plan_for(request.user, pk, "view_record")
    log_access(request, plan.pupil, f"plan {plan.version}")
    outcomes = list(
        plan.outcomes.prefetch_related(
            Prefetch("notes", queryset=ReviewNote.objects.select_related("author"))
        )
    )
    provisions = list(plan.provisions.all())
    reviews = list(
        plan.reviews.prefetch_related(
            Prefetch("progress", queryset=OutcomeProgress.objects.select_related("outcome")),
            Prefetch("impacts", queryset=ProvisionImpact.objects.select_related("provision")),
        )
    )
    period_asked = request.GET.get("period", "")
    period = Period.asked(period_asked, timezone.localdate())
    costed = [(p, weeks_in(p, period), cost_in(p, period)) for p in provisions]
    cost = sum((c for _, _, c in costed), Decimal("0.00"))
    return _page(
        request,
        "plan.html",
        plan=plan,
        pupil=plan.pupil,
        outcomes=outcomes,
        provisions=provisions,
        reviews=reviews,
        versions=list(plan.pupil.support_plans.only("pk", "pupil_id", "version", "state", "kind")),
        costed=costed,
        period=period,
        period_asked=period_asked,
        cost=cost,
        threshold=threshold(),
        top_up=above_threshold(cost),
        can_edit=access.can(request.user, "edit_sen_record", plan.pupil),
        can_note=access.can(request.user, "add_review_note", plan.pupil),
    )


@login_required
def plan_edit(request, pk):
    plan, editable = _editable_plan(request, pk)
    if not editable:
        return redirect("plan", pk=plan.pk)
    form = PlanTextForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            save_if_unchanged(form, form.opened_at_revision())
        except StaleEdit as stale:
            return _stale(
                request, plan, form, PlanTextForm(instance=stale.current), "Edit the plan"
            )
        return _to_plan(request, plan, "Plan saved.")
    return _page(request, "plan_form.html", plan=plan, form=form, title="Edit the plan")


def _stale(request, plan, submitted, fresh, title):
    """Someone else saved first: show what is saved now, and what this person typed, so that
    neither change is lost."""
    typed = [
        (field.label, submitted.cleaned_data.get(name))
        for name, field in submitted.fields.items()
        if not field.widget.is_hidden and submitted.cleaned_data.get(name) not in (None, "")
    ]
    messages.error(
        request,
        "Someone else saved this since you opened the form. Your changes were not saved, so "
        "theirs are kept: the form now shows what is saved. What you typed is below; make your "
        "changes again if they are still needed.",
    )
    return _page(request, "plan_form.html", plan=plan, form=fresh, title=title, typed=typed)


def _item_form(request, pk, model, form_class, what, item=None):
    plan, editable = _editable_plan(request, pk)
    if not editable:
        return redirect("plan", pk=plan.pk)
    instance = get_object_or_404(model, pk=item, plan=plan) if item else model(plan=plan)
    form = form_class(request.POST or None, instance=instance)
    title = f"{'Edit' if item else 'Add'} {what.lower()}"
    if request.method == "POST" and form.is_valid():
        if not item and model is Outcome:
            form.instance.position = plan.outcomes.count()
        try:
            save_if_unchanged(form, form.opened_at_revision())
        except StaleEdit as stale:
            return _stale(request, plan, form, form_class(instance=stale.current), title)
        return _to_plan(request, plan, f"{what} saved.")
    return _page(request, "plan_form.html", plan=plan, form=form, title=title)


@login_required
def outcome_add(request, pk):
    return _item_form(request, pk, Outcome, OutcomeForm, "Outcome")


@login_required
def outcome_edit(request, pk, item):
    return _item_form(request, pk, Outcome, OutcomeForm, "Outcome", item)


@login_required
def provision_add(request, pk):
    return _item_form(request, pk, Provision, ProvisionForm, "Provision")


@login_required
def provision_edit(request, pk, item):
    return _item_form(request, pk, Provision, ProvisionForm, "Provision", item)


def _remove(request, pk, model, item, what):
    """GET asks to confirm (nothing is removed in one click); POST removes."""
    plan = get_plan_for(request.user, pk, "edit_sen_record")
    thing = get_object_or_404(model, pk=item, plan=plan)
    if plan.state != PlanState.DRAFT:
        # Once a plan is running, its outcomes and provision carry ratings and notes.
        return _to_plan(
            request,
            plan,
            f"{what} can be removed only from a draft; amend it instead.",
            messages.ERROR,
        )
    if request.method != "POST":
        return _page(request, "confirm_remove.html", plan=plan, thing=thing, what=what)
    thing.delete()
    return _to_plan(request, plan, f"{what} removed from the draft.")


@login_required
@require_http_methods(["GET", "POST"])
def outcome_remove(request, pk, item):
    return _remove(request, pk, Outcome, item, "An outcome")


@login_required
@require_http_methods(["GET", "POST"])
def provision_remove(request, pk, item):
    return _remove(request, pk, Provision, item, "A provision")


def _dated_change(
    request, pk, *, change, date_field, date_label, confirm_label, title, done, not_future=False
):
    plan = get_plan_for(request.user, pk, "edit_sen_record")
    form = DatedChangeForm(
        request.POST or None,
        date_field=date_field,
        date_label=date_label,
        confirm_label=confirm_label,
        not_future=not_future,
    )
    if request.method == "POST" and form.is_valid():
        try:
            change(plan=plan, **{date_field: form.on})
        except services.PlanStateError as refusal:
            return _to_plan(request, plan, str(refusal), messages.ERROR)
        return _to_plan(request, plan, done)
    return _page(request, "plan_form.html", plan=plan, form=form, title=title)


@login_required
def plan_activate(request, pk):
    return _dated_change(
        request,
        pk,
        change=services.plan_activate,
        date_field="starts_on",
        date_label="The plan starts on",
        confirm_label=(
            "Make this the pupil's plan (the current plan, if any, is superseded and kept)"
        ),
        title="Make this plan active",
        done="The plan is now the pupil's active plan.",
    )


@login_required
def plan_close(request, pk):
    return _dated_change(
        request,
        pk,
        change=services.plan_close,
        date_field="ended_on",
        date_label="The plan ends on",
        confirm_label="Close this plan (it stays readable)",
        title="Close this plan",
        done="The plan is closed.",
        not_future=True,
    )


# What a review's decision set going, said where it shows: on the pupil's record.
REVIEW_ACTIONS = {
    ReviewDecision.REMOVE: "The plan is closed and a SENCO decision of no SEN provision (N) is "
    "recorded from the review's date, so the census code follows.",
    ReviewDecision.SPECIALIST: "The specialist's involvement is opened below, waiting for "
    "their advice.",
    ReviewDecision.EHC_REQUEST: "A request for an EHC needs assessment is opened below, being "
    "prepared: the evidence pack is on its page.",
}


@login_required
def review_add(request, pk):
    plan = get_plan_for(request.user, pk, "edit_sen_record")
    if plan.state != PlanState.ACTIVE:
        return _to_plan(request, plan, "Only the active plan can be reviewed.", messages.ERROR)
    form = ReviewForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            review, follow_up = services.review_record(
                plan=plan,
                details=form.details(),
                ratings=form.ratings(),
                impacts=form.impacts(),
                user=request.user,
                opened_at_revision=form.opened_at_revision(),
                specialist_service=form.cleaned_data["specialist_service"],
            )
        except StaleEdit:
            return _to_plan(
                request,
                plan,
                "Someone else changed this plan or recorded a review since you opened the "
                "review form. Your review was not saved; look at the plan as it is now and "
                "review again if it is still needed.",
                messages.ERROR,
            )
        if follow_up:
            return _to_plan(
                request, follow_up, "Review recorded; a new draft plan is started from it."
            )
        acted = REVIEW_ACTIONS.get(review.decision)
        if acted:
            messages.success(request, f"Review recorded. {acted}")
            return redirect("pupil_record", pk=plan.pupil_id)
        return _to_plan(request, plan, "Review recorded.")
    notes = ReviewNote.objects.filter(outcome__plan=plan).select_related("outcome", "author")
    views = plan.views_sent.select_related("submitted_by")
    return _page(request, "review_form.html", plan=plan, form=form, notes=notes, views=views)


@login_required
def note_add(request, pk):
    plan = get_plan_for(request.user, pk, "add_review_note")
    if plan.state != PlanState.ACTIVE:
        return _to_plan(request, plan, "Notes are written against the active plan.", messages.ERROR)
    form = ReviewNoteForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        ReviewNote.objects.create(
            outcome=form.cleaned_data["outcome"],
            written_on=form.cleaned_data["written_on"],
            text=form.cleaned_data["text"],
            author=request.user,
        )
        return _to_plan(request, plan, "Note added.")
    return _page(request, "plan_form.html", plan=plan, form=form, title="Add a note on progress")


def _pupil_form(request, pk, form_class, title, message):
    pupil = get_pupil_for(request.user, pk, "edit_sen_record")
    # A link may open the form with a choice made (e.g. "Tell the parents" on the record).
    chosen = {name: value for name, value in request.GET.items() if name in form_class.base_fields}
    form = form_class(request.POST or None, initial=chosen)
    if request.method == "POST" and form.is_valid():
        form.instance.pupil = pupil
        form.instance.recorded_by = request.user
        form.save()
        messages.success(request, message)
        return redirect("pupil_record", pk=pupil.pk)
    return render(
        request, "pupils/record_form.html", {"pupil": pupil, "form": form, "title": title}
    )


@login_required
def specialist_add(request, pk):
    return _pupil_form(
        request,
        pk,
        SpecialistForm,
        "Record specialist involvement",
        "Specialist involvement recorded.",
    )


@login_required
def specialist_advice(request, pk, item):
    """The advice of a specialist asked for at a review (or a correction to one recorded)."""
    pupil = get_pupil_for(request.user, pk, "edit_sen_record")
    involvement = get_object_or_404(pupil.specialists, pk=item)
    form = SpecialistForm(request.POST or None, instance=involvement)
    if request.method == "POST" and form.is_valid():
        form.instance.recorded_by = request.user
        form.save()
        messages.success(request, f"{involvement.get_service_display()}: advice recorded.")
        return redirect("pupil_record", pk=pupil.pk)
    title = f"{involvement.get_service_display()}: record the advice"
    return render(
        request, "pupils/record_form.html", {"pupil": pupil, "form": form, "title": title}
    )


@login_required
def parent_contact_add(request, pk):
    return _pupil_form(
        request,
        pk,
        ParentContactForm,
        "Record contact with parents",
        "Contact with parents recorded.",
    )
