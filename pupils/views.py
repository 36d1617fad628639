"""The register, the pupil's record, and the SENCO's forms for SEN records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from census.models import StandingPeriod
from sen_register import access
from sen_register.audit import log_access
from sen_register.concurrency import StaleEdit
from sen_register.downloads import download

from . import invitations, services
from .filters import RegisterFilter
from .forms import (
    CeaseEHCPlanForm,
    EHCPlanForm,
    GridAssessmentForm,
    InviteParentForm,
    LevelTwoCriterionForm,
    NeedsForm,
    RegisterImportForm,
    SencoDecisionForm,
    WithdrawForm,
)
from .grid import current_by_strand, descriptors
from .history import pupil_history as pupil_changes
from .models import Pupil, SENNeed, Strand
from .register import Register, csv_lines
from .register_file import RegisterFileError
from .register_import import RegisterImport
from .timeline import load_sen_records, timeline


def _register(request, school):
    """The register's filter form and the pupils it selects, sorted."""
    pupils = Pupil.objects.at(school).visible_to(request.user)
    # Always bound: an unbound FilterSet skips filtering, and "on roll today" is a filter.
    filterset = RegisterFilter(request.GET, queryset=pupils, school=school)
    register = Register(
        filterset.qs, timezone.localdate(), filterset.derived(), filterset.sort_key()
    )
    return filterset, register


@login_required
def register(request, urn):
    school = access.get_school_for(request.user, urn, "view_register")
    filterset, register = _register(request, school)
    page, summary = register.page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "pupils/register.html",
        {
            "school": school,
            "filter": filterset,
            "page": page,
            "summary": summary,
            "descriptors": descriptors(),
            "query_string": query.urlencode(),
        },
    )


@login_required
def register_csv(request, urn):
    """Exactly the filtered list the register page shows, every page of it."""
    school = access.get_school_for(request.user, urn, "view_register")
    _, register = _register(request, school)
    return download(
        request,
        csv_lines(register),
        filename=f"register-{school.urn}-{timezone.localdate()}.csv",
        content_type="text/csv; charset=utf-8",
        what="register CSV",
        school=school,
    )


@login_required
def pupil_record(request, pk):
    pupil = access.get_pupil_for(request.user, pk, "view_record")
    log_access(request, pupil, "record")
    today = timezone.localdate()
    held = load_sen_records(pupil)
    meanings = descriptors()
    census = held.standing_on(today)
    current = current_by_strand(held.assessments, today)
    return render(
        request,
        "pupils/pupil_record.html",
        {
            "pupil": pupil,
            "today": today,
            "census": census,
            "strands": [(s, current.get(s.pk)) for s in Strand.objects.select_related("area")],
            "descriptors": meanings,
            "criteria": held.criteria,
            "decisions": held.decisions,
            "current_needs": [n for n in held.needs if n.ended_on is None],
            "ehc_plans": held.ehc_plans,
            "timeline": timeline(held, descriptors=meanings, until=today),
            "can_edit": access.can(request.user, "edit_sen_record", pupil),
            "can_evidence_pack": access.can(request.user, "evidence_pack", pupil),
            "can_read_access_log": access.can(request.user, "read_access_log", pupil),
            "plans": list(pupil.support_plans.all()),
            "specialists": list(pupil.specialists.all()),
            "parent_contacts": list(pupil.parent_contacts.all()),
        },
    )


# --- The SENCO's forms ---------------------------------------------------------------------


def _editable(request, pk):
    return access.get_pupil_for(request.user, pk, "edit_sen_record")


def _form_page(request, pupil, form, title, *, intro="", template="pupils/record_form.html"):
    return render(request, template, {"pupil": pupil, "form": form, "title": title, "intro": intro})


def _done(request, pupil, message):
    messages.success(request, message)
    return redirect("pupil_record", pk=pupil.pk)


@login_required
def assessment_add(request, pk):
    pupil = _editable(request, pk)
    meanings = descriptors()

    def new_form(data=None):
        current = current_by_strand(
            pupil.assessments.select_related("strand"), timezone.localdate()
        )
        return GridAssessmentForm(data, pupil=pupil, descriptors=meanings, current=current)

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


@login_required
def criterion_add(request, pk):
    pupil = _editable(request, pk)
    form = LevelTwoCriterionForm(request.POST or None, pupil=pupil)
    if request.method == "POST" and form.is_valid():
        services.criterion_record(pupil=pupil, user=request.user, **form.cleaned_data)
        return _done(request, pupil, "Level-2 reason recorded.")
    return _form_page(
        request,
        pupil,
        form,
        "Record a reason for SEN support at level 2",
        intro="At level 2 a pupil is at SEN support (K) when one of these reasons from the "
        "Sheffield guidance holds. Needs across two or more broad areas count by themselves.",
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
def needs_edit(request, pk):
    pupil = _editable(request, pk)
    today = timezone.localdate()
    held = {n.rank: n.need_type for n in SENNeed.objects.filter(pupil=pupil, ended_on__isnull=True)}
    census = StandingPeriod.objects.on(today).get(pupil=pupil)
    form = NeedsForm(
        request.POST or None,
        pupil=pupil,
        current_code=census.code or "N",
        initial={"need_type_1": held.get(1, ""), "need_type_2": held.get(2, "")},
    )
    if request.method == "POST" and form.is_valid():
        changed = services.needs_set(
            pupil=pupil,
            need_types={1: form.cleaned_data["need_type_1"], 2: form.cleaned_data["need_type_2"]},
            on=form.cleaned_data["recorded_on"],
            user=request.user,
        )
        message = "Need types updated." if changed else "Need types unchanged."
        return _done(request, pupil, message)
    return _form_page(
        request,
        pupil,
        form,
        "Set DfE need types",
        intro="At most two, ranked. A changed need ends on the date given and stays in the "
        "history.",
    )


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
        f"Record that the EHC plan issued {plan.issued_on:%-d %B %Y} has ceased",
        intro="The plan still counts on the day it ceases.",
    )


@login_required
@require_POST
def invitation_respond(request, pk):
    """A parent, signed in, accepts or declines an invitation sent to their address."""
    invitation = access.get_invitation_for(request.user, pk)
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
def pupil_history(request, pk):
    """Every change to the pupil's SEN records: who, when, what changed."""
    pupil = access.get_pupil_for(request.user, pk, "view_record")
    log_access(request, pupil, "history")
    return render(request, "pupils/history.html", {"pupil": pupil, "changes": pupil_changes(pupil)})


@login_required
def access_log(request, pk):
    pupil = access.get_pupil_for(request.user, pk, "read_access_log")
    entries = pupil.access_log.select_related("user")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "pupils/access_log.html", {"pupil": pupil, "page": page})


@login_required
def register_import(request, urn):
    """The register import in the browser: the same checks as the command, all or nothing."""
    school = access.get_school_for(request.user, urn, "import_register")
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    context = {"school": school, "form": form, "errors": [], "summary": None}
    if request.method == "POST" and form.is_valid():
        dry_run = form.cleaned_data["dry_run"]
        try:
            summary = RegisterImport(
                school, form.cleaned_data["file"].read(), user=request.user
            ).run(dry_run=dry_run)
        except RegisterFileError as failure:
            context.update(errors=failure.errors, problem_count=failure.total)
        else:
            context.update(summary=summary, dry_run=dry_run)
    return render(request, "pupils/register_import.html", context)
