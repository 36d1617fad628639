"""The evidence pack: a pupil's SEN history in date order, as an accessible PDF, for an EHC
needs assessment request or a tribunal. It draws on the grid, the plans and the census
standing, so it sits above all three."""

from django.utils import timezone

from pupils.grid import descriptors, meaning_of, meanings_of_grids
from support_plans.costs import Period, above_threshold, cost_in, pupil_cost, threshold
from support_plans.models import PlanState
from support_plans.pdf import render_pdf

from .timeline import Event, load_sen_records, timeline


def evidence_pack_context(pupil):
    """The pupil's SEN history for an EHC needs assessment or top-up request, in date order."""
    today = timezone.localdate()
    held = load_sen_records(pupil)
    meanings = meanings_of_grids(held.assessments, descriptors(pupil.school))
    plans = list(
        pupil.support_plans.exclude(state=PlanState.DRAFT)
        .order_by("starts_on", "version")
        .prefetch_related(
            "outcomes", "provisions", "reviews__progress__outcome", "reviews__impacts__provision"
        )
    )
    active = next((p for p in plans if p.state == PlanState.ACTIVE), None)
    period = Period.school_year(today)
    costs = {p.pk: cost_in(p, period) for plan in plans for p in plan.provisions.all()}
    yearly = pupil_cost(active.provisions.all() if active else [], period)
    events = timeline(held, meanings=meanings, until=today) + _plan_events(pupil, plans)
    events.sort(key=lambda e: e.on)
    return {
        "pupil": pupil,
        "school": pupil.school,
        "census": held.standing_on(today),
        "assessments": [(a, meaning_of(a, meanings)) for a in held.assessments],
        "plans": plans,
        "review_count": sum(len(plan.reviews.all()) for plan in plans),
        "specialists": list(pupil.specialists.all()),
        "contacts": list(pupil.parent_contacts.all()),
        "documents": list(pupil.documents.all()),
        "yearly_cost": yearly,
        "period": period,
        "costs": costs,
        "threshold": threshold(),
        "above_threshold": above_threshold(yearly),
        "events": events,
        "printed_on": today,
    }


def _event(on, text):
    return Event(on, "record", text)


def _plan_events(pupil, plans):
    """Plans started and reviewed, specialists involved, contact with parents."""
    events = []
    for plan in plans:
        events.append(_event(plan.starts_on, f"{plan.get_kind_display()} {plan.version} started"))
        for review in plan.reviews.all():
            decision = review.get_decision_display()
            events.append(_event(review.held_on, f"Plan {plan.version} reviewed: {decision}"))
    for s in pupil.specialists.all():
        if s.is_pending:
            events.append(_event(s.requested_on, f"{s}: waiting for advice"))
        else:
            events.append(_event(s.involved_on, f"{s.get_service_display()}: {s.advice}"))
    for c in pupil.parent_contacts.all():
        events.append(_event(c.held_on, c.get_kind_display()))
    return events


def evidence_pack_pdf(pupil):
    return render_pdf("support_plans/pdf/evidence_pack.html", evidence_pack_context(pupil))
