"""The plan and evidence-pack PDFs as downloads: through the access policy, logged, and named
safely (sen_register.downloads)."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from sen_register import access
from sen_register.downloads import download

from . import pdf


@login_required
def plan_pdf(request, pk):
    """The plan as a PDF for staff and for the child's parents (never a draft to parents)."""
    plan = access.get_plan_for(request.user, pk, "download_plan_pdf")
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


@login_required
def evidence_pack(request, pk):
    pupil = access.get_pupil_for(request.user, pk, "evidence_pack")
    return download(
        request,
        pdf.evidence_pack_pdf(pupil),
        filename=f"evidence-pack-{pupil.upn}-{timezone.localdate()}.pdf",
        content_type="application/pdf",
        what="evidence pack PDF",
        school=pupil.school,
        pupil=pupil,
    )
