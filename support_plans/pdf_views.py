"""The plan PDF and pupil passports as downloads: through the access policy, logged, and named
safely (sen_register.core.downloads). The evidence pack is in `pages`."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from pupils.access import get_group_for
from sen_register.core.downloads import download
from support_plans.access import get_plan_for

from . import passports, pdf


def _pupil_pdf(request, body, *, name, what, pupil):
    """One pupil's PDF, logged against them, its file name `name` in lower case with dashes."""
    return download(
        request,
        body,
        filename=f"{'-'.join(name.split()).lower()}.pdf",
        content_type="application/pdf",
        what=what,
        school=pupil.school,
        pupil=pupil,
    )


@login_required
def plan_pdf(request, pk):
    """The plan as a PDF for staff and for the child's parents (never a draft to parents)."""
    plan = get_plan_for(request.user, pk, "download_plan_pdf")
    pupil = plan.pupil
    return _pupil_pdf(
        request,
        pdf.plan_pdf(plan),
        name=f"plan {pupil.legal_surname} {pupil.legal_forename} {plan.version}",
        what=f"plan {plan.version} PDF",
        pupil=pupil,
    )


@login_required
def passport_pdf(request, pk):
    """One pupil's passport, from this plan, for the same people as the plan's PDF."""
    plan = get_plan_for(request.user, pk, "download_plan_pdf")
    pupil = plan.pupil
    title = f"Pupil passport: {pupil.display_name}"
    return _pupil_pdf(
        request,
        passports.passports_pdf([plan], title=title, school=pupil.school),
        name=f"passport {pupil.legal_surname} {pupil.legal_forename}",
        what=f"pupil passport PDF (plan {plan.version})",
        pupil=pupil,
    )


@login_required
def group_passports(request, urn, pk):
    """The passports of every pupil in a teaching group who has a plan in force, as one PDF
    (a page each), for the group's teachers and assistants, the SENCO and the head."""
    group = get_group_for(request.user, urn, pk, "group_passports")
    plans = passports.active_plans_of(passports.in_group(group, timezone.localdate()))
    if not plans:
        return render(request, "support_plans/no_passports.html", {"group": group})
    return download(
        request,
        passports.passports_pdf(plans, title=f"Pupil passports: {group.name}", school=group.school),
        filename=f"passports-{'-'.join(group.name.split())}.pdf".lower(),
        content_type="application/pdf",
        what=f"pupil passports PDF of {group.name}",
        school=group.school,
        pupils=[plan.pupil for plan in plans],
    )
