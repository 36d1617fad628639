"""The plan PDF as a download: through the access policy, logged, and named safely
(sen_register.core.downloads). The evidence pack is in `pages`."""

from django.contrib.auth.decorators import login_required

from sen_register.core.downloads import download
from support_plans.access import get_plan_for

from . import pdf


@login_required
def plan_pdf(request, pk):
    """The plan as a PDF for staff and for the child's parents (never a draft to parents)."""
    plan = get_plan_for(request.user, pk, "download_plan_pdf")
    pupil = plan.pupil
    filename = f"plan-{pupil.legal_surname}-{pupil.legal_forename}-{plan.version}.pdf"
    return download(
        request,
        pdf.plan_pdf(plan),
        filename="-".join(filename.split()).lower(),
        content_type="application/pdf",
        what=f"plan {plan.version} PDF",
        school=pupil.school,
        pupil=pupil,
    )
