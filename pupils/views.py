"""The SENCO's forms for SEN records, parent invitations, the access log and the register
import. The register and the pupil's record read the census, so they are in `pages`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from pupils.access import get_invitation_for, get_pupil_for
from sen_register.core import access, spreadsheet
from sen_register.core.concurrency import StaleEdit
from sen_register.core.dates import in_words

from . import checked_files, invitations, services
from .dating import current_by_strand
from .forms import (
    CeaseEHCPlanForm,
    EHCPlanForm,
    GridAssessmentForm,
    InviteParentForm,
    RegisterImportForm,
    SencoDecisionForm,
    WithdrawForm,
)
from .grid import descriptors, strand_descriptors
from .models import Strand
from .register_file import RegisterFileError, all_columns
from .register_import import RegisterImport

# --- The SENCO's forms ---------------------------------------------------------------------


def _editable(request, pk):
    return get_pupil_for(request.user, pk, "edit_sen_record")


def _form_page(request, pupil, form, title, *, intro="", template="pupils/record_form.html"):
    return render(request, template, {"pupil": pupil, "form": form, "title": title, "intro": intro})


def _done(request, pupil, message):
    messages.success(request, message)
    return redirect("pupil_record", pk=pupil.pk)


@login_required
def assessment_add(request, pk):
    pupil = _editable(request, pk)
    titles, meanings = descriptors(pupil.school), strand_descriptors(pupil.school)

    def new_form(data=None):
        current = current_by_strand(
            pupil.assessments.select_related("strand"), timezone.localdate()
        )
        return GridAssessmentForm(
            data, pupil=pupil, descriptors=titles, meanings=meanings, current=current
        )

    form = new_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        levels = form.levels()
        try:
            services.assessment_record(
                pupil=pupil,
                levels=levels,
                assessed_on=form.cleaned_data["assessed_on"],
                note=form.cleaned_data["note"],
                user=request.user,
                seen_up_to=form.cleaned_data["seen_up_to"],
            )
        except StaleEdit as stale:
            recorded = "; ".join(
                f"{a.strand.name} level {a.level}"
                + (f" by {a.assessed_by}" if a.assessed_by else "")
                for a in stale.current
            )
            messages.error(
                request,
                f"Someone else recorded an assessment since you opened this form ({recorded}). "
                "Nothing was saved: check the levels as they are now and record yours again.",
            )
            form = new_form()
        else:
            return _done(request, pupil, f"Grid assessment recorded for {len(levels)} strand(s).")
    return _form_page(
        request,
        pupil,
        form,
        "Record a grid assessment",
        intro="Choose a level only for the strands you assessed; the others keep their level.",
        template="pupils/assessment_form.html",
    )


def _withdraw(request, pk, item, related, start_field, what):
    pupil = _editable(request, pk)
    record = get_object_or_404(getattr(pupil, related), pk=item)
    form = WithdrawForm(request.POST or None, pupil=pupil, record=record, start_field=start_field)
    if request.method == "POST" and form.is_valid():
        services.withdraw(
            record=record,
            withdrawn_on=form.cleaned_data["withdrawn_on"],
            note=form.cleaned_data["note"],
            user=request.user,
        )
        return _done(request, pupil, f"{what} withdrawn; it stays in the pupil's history.")
    return _form_page(
        request,
        pupil,
        form,
        f"Withdraw: {record}",
        intro="It stops counting from the date you give and stays in the history.",
    )


@login_required
def criterion_withdraw(request, pk, item):
    return _withdraw(request, pk, item, "level_two_criteria", "recorded_on", "Level-2 reason")


@login_required
def decision_add(request, pk):
    pupil = _editable(request, pk)
    form = SencoDecisionForm(request.POST or None, pupil=pupil)
    if request.method == "POST" and form.is_valid():
        services.decision_record(pupil=pupil, user=request.user, **form.cleaned_data)
        return _done(request, pupil, "SENCO decision recorded.")
    return _form_page(
        request,
        pupil,
        form,
        "Record a SENCO decision",
        intro="Use this when your judgement of K or N differs from what the grid gives.",
    )


@login_required
def decision_withdraw(request, pk, item):
    return _withdraw(request, pk, item, "senco_decisions", "decided_on", "SENCO decision")


@login_required
def ehc_plan_add(request, pk):
    pupil = _editable(request, pk)
    form = EHCPlanForm(request.POST or None, pupil=pupil)
    if request.method == "POST" and form.is_valid():
        services.ehc_plan_record(pupil=pupil, user=request.user, **form.cleaned_data)
        return _done(request, pupil, "EHC plan recorded.")
    return _form_page(request, pupil, form, "Record an EHC plan")


@login_required
def ehc_plan_cease(request, pk, item):
    pupil = _editable(request, pk)
    plan = get_object_or_404(pupil.ehc_plans, pk=item)
    form = CeaseEHCPlanForm(request.POST or None, pupil=pupil, plan=plan)
    if request.method == "POST" and form.is_valid():
        services.ehc_plan_cease(plan=plan, **form.cleaned_data)
        return _done(request, pupil, "EHC plan ceasing recorded.")
    return _form_page(
        request,
        pupil,
        form,
        f"Record that the EHC plan issued {in_words(plan.issued_on)} has ceased",
        intro="The plan still counts on the day it ceases.",
    )


@login_required
@require_POST
def invitation_respond(request, pk):
    """A parent, signed in, accepts or declines an invitation sent to their address."""
    invitation = get_invitation_for(request.user, pk)
    accept = request.POST.get("answer") == "accept"
    invitations.invitation_respond(invitation, request.user, accept=accept)
    name = invitation.pupil.display_name
    if accept:
        messages.success(request, f"You can now see {name}'s plans.")
    else:
        messages.info(request, f"You declined the invitation to see {name}'s plans.")
    return redirect("home")


@login_required
def parent_invite(request, pk):
    pupil = _editable(request, pk)
    form = InviteParentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitations.parent_invite(
                pupil=pupil,
                email=form.cleaned_data["email"],
                relationship=form.cleaned_data["relationship"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except invitations.InvitationError as refusal:
            form.add_error("email", str(refusal))
        else:
            return _done(request, pupil, f"Invitation sent to {form.cleaned_data['email']}.")
    return _form_page(
        request,
        pupil,
        form,
        "Invite a parent or carer",
        intro="They get an email with a link to choose a password; then they can see this "
        "pupil's plans (never drafts or staff notes) and send their views before each review.",
    )


@login_required
def access_log(request, pk):
    pupil = get_pupil_for(request.user, pk, "read_access_log")
    entries = pupil.access_log.select_related("user")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "pupils/access_log.html", {"pupil": pupil, "page": page})


@login_required
def register_import(request, urn):
    """The register import in the browser: the same checks as the command, all or nothing. A
    file that passes its check is kept, so importing it is one more click."""
    school = access.get_school_for(request.user, urn, "import_register")
    if request.method == "POST" and "checked" in request.POST:
        return _import_checked(request, school)
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    context = {"school": school, "form": form, "errors": [], "summary": None}
    if request.method == "POST" and form.is_valid():
        dry_run, upload = form.cleaned_data["dry_run"], form.cleaned_data["file"]
        content = upload.read()
        context.update(_run_import(school, request.user, content, dry_run=dry_run))
        if dry_run and context["summary"]:
            context["kept"] = checked_files.keep(school, request.user, upload.name, content)
    return render(request, "pupils/register_import.html", context)


@login_required
def register_import_template(request, urn):
    """A file with every column's heading and no pupils, to fill in or to match an export to."""
    school = access.get_school_for(request.user, urn, "import_register")
    strands = Strand.objects.of(school).order_by("position").values_list("slug", flat=True)
    response = HttpResponse(
        "".join(spreadsheet.csv_lines(all_columns(list(strands)), [])),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="register-template.csv"'
    return response


def _run_import(school, user, content, *, dry_run):
    # Every change the import writes is dated after this moment: the register's "changed
    # since" filter then shows exactly what it touched (and anything recorded later).
    started = timezone.now()
    try:
        summary = RegisterImport(school, content, user=user).run(dry_run=dry_run)
    except RegisterFileError as failure:
        return {"errors": failure.errors, "problem_count": failure.total}
    return {"summary": summary, "dry_run": dry_run, "started": started}


def _import_checked(request, school):
    """Import the file this person checked, without choosing it again."""
    context = {"school": school, "form": RegisterImportForm(), "errors": [], "summary": None}
    kept = checked_files.take(school, request.user, request.POST["checked"])
    if kept is None:
        context.update(
            errors=[
                "The checked file is no longer kept: files are kept for an hour after their "
                "check, for the person who checked them. Choose the file again."
            ],
            problem_count=1,
        )
    else:
        name, content = kept
        context.update(_run_import(school, request.user, content, dry_run=False), imported=name)
    return render(request, "pupils/register_import.html", context)
