"""Plan PDFs with WeasyPrint: accessible (tagged PDF/UA-1, document language and title set,
real text and headings, the running footer an artifact, table headers scoped), readable type,
page numbers. The evidence pack, in `pages`, uses `render_pdf` too."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from . import pdf_tagging
from .models import PlanState


def render_pdf(template, context):
    """PDF bytes from a template whose <html lang> and <title> become the document's."""
    html = render_to_string(template, context)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", finisher=pdf_tagging.finish)


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
        "advice": list(plan.pupil.specialists.shared_with_parents(by=today)),
        "is_draft": plan.state == PlanState.DRAFT,
        "printed_on": today,
    }


def plan_pdf(plan):
    return render_pdf("support_plans/pdf/plan.html", plan_context(plan))
