"""Plan and evidence-pack PDFs with WeasyPrint: accessible (tagged PDF/UA-1, document language
and title set, real text and headings), readable type, page numbers."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from pupils.grid import descriptors
from pupils.timeline import Event, load_sen_records, timeline

from .costs import above_threshold, annual_cost, threshold
from .models import PlanState


def render_pdf(template, context):
    """PDF bytes from a template whose <html lang> and <title> become the document's."""
    html = render_to_string(template, context)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def plan_context(plan):
    """Everything the plan PDF shows: the plan in plain language, for parents and staff."""
    today = timezone.localdate()
    provisions = list(plan.provisions.all())
    return {
        "plan": plan,
        "pupil": plan.pupil,
        "school": plan.pupil.school,
        "outcomes": list(plan.outcomes.all()),
        "provisions": provisions,
        "reviews": [
            r for r in plan.reviews.prefetch_related("progress__outcome") if r.shared_with_parents
        ],
        "is_draft": plan.state == PlanState.DRAFT,
        "printed_on": today,
    }


def plan_pdf(plan):
    return render_pdf("support_plans/pdf/plan.html", plan_context(plan))


def evidence_pack_context(pupil):
    """The pupil's SEN history for an EHC needs assessment or top-up request, in date order."""
    today = timezone.localdate()
    held = load_sen_records(pupil)
    meanings = descriptors()
    plans = list(
        pupil.support_plans.exclude(state=PlanState.DRAFT)
        .order_by("starts_on", "version")
        .prefetch_related(
            "outcomes", "provisions", "reviews__progress__outcome", "reviews__impacts__provision"
        )
    )
    active = next((p for p in plans if p.state == PlanState.ACTIVE), None)
    yearly = annual_cost(active.provisions.all()) if active else annual_cost([])
    events = timeline(held, descriptors=meanings, until=today)
    for plan in plans:
        events.append(_event(plan.starts_on, f"{plan.get_kind_display()} {plan.version} started"))
        for review in plan.reviews.all():
            events.append(
                _event(
                    review.held_on, f"Plan {plan.version} reviewed: {review.get_decision_display()}"
                )
            )
    for s in pupil.specialists.all():
        events.append(_event(s.involved_on, f"{s.get_service_display()}: {s.advice}"))
    for c in pupil.parent_contacts.all():
        events.append(_event(c.held_on, c.get_kind_display()))
    events.sort(key=lambda e: e.on)
    return {
        "pupil": pupil,
        "school": pupil.school,
        "census": held.standing_on(today),
        "assessments": held.assessments,
        "descriptors": meanings,
        "plans": plans,
        "review_count": sum(len(plan.reviews.all()) for plan in plans),
        "specialists": list(pupil.specialists.all()),
        "contacts": list(pupil.parent_contacts.all()),
        "yearly_cost": yearly,
        "threshold": threshold(),
        "above_threshold": above_threshold(yearly),
        "events": events,
        "printed_on": today,
    }


def _event(on, text):
    return Event(on, "record", text)


def evidence_pack_pdf(pupil):
    return render_pdf("support_plans/pdf/evidence_pack.html", evidence_pack_context(pupil))
