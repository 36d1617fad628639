"""Pages that put a pupil's records, plans and census standing together: the register, the
pupil's record and history, the SENCO's need types (checked against today's code), a new
plan (its needs summary from today's code), a teacher's pupils, the provision map and the
evidence pack."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from census.frameworks import rules_named
from census.models import StandingPeriod
from census.revisions import keeper
from pupils import services as record_services
from pupils.access import get_pupil_for
from pupils.forms import LevelTwoCriterionForm, NeedsForm
from pupils.grid import descriptors
from pupils.models import Pupil, SENNeed
from sen_register.core import access
from sen_register.core.audit import log_access, log_school_view
from sen_register.core.downloads import download
from sen_register.core.rendered import render_kept
from support_plans import catalogue
from support_plans import services as plan_services
from support_plans.costs import Period
from support_plans.forms import NewPlanForm
from support_plans.models import SupportPlan

from .ehc_calendar import ehc_calendar
from .evidence_pack import evidence_pack_pdf
from .history import pupil_history as pupil_changes
from .kept_pages import body_kept
from .provision_map import provision_map
from .record import READ_WITH_PUPIL, record_body
from .register import ON_REGISTER, Register, csv_lines
from .register_filters import RegisterFilter


def register_query(request):
    """The register's filters as asked; with none asked, the pupils on the SEN register (the
    whole school is one click away: "any status")."""
    query = request.GET.copy()
    if not set(query) - {"page"}:
        query["status"] = ON_REGISTER
    return query


def _register(request, school):
    """The register's filter form and the pupils it selects, sorted."""
    # The school twice, as one: the standings' own column lets the summary count them from
    # an index, the pupils' lets a page of them be read in name order and stop at the page.
    standings = (
        StandingPeriod.objects.on(timezone.localdate())
        .at(school)
        .filter(pupil__school=school)
        .visible_to(request.user)
    )
    # Always bound: an unbound FilterSet skips filtering, and "on roll today" is a filter.
    filterset = RegisterFilter(register_query(request), queryset=standings, school=school)
    return filterset, Register(filterset.qs, filterset.derived(), filterset.sort_key())


def _kept_for_whole_school(request, school):
    """For someone who sees the whole school: `keep(key, work)`, keeping what `work` gives
    under the school's revision, as the census page does (the same filters show everyone
    who sees the whole school the same pupils). For anyone else None: who a teacher sees can
    change without the records changing (a class given to someone else)."""
    if not access.sees_whole_school(request.user, school):
        return None
    return keeper(school, timezone.localdate())


def _rows(school, page, keep):
    """The register's rows of `page` as markup, or those kept for the same page's query."""

    def draw():
        return render_to_string(
            "pupils/_register_rows.html", {"page": page, "descriptors": descriptors(school)}
        )

    if keep is None:
        return draw()
    sql, params = page.object_list.query.sql_with_params()
    return keep(("register rows", sql, repr(params)), draw)


@login_required
def register(request, urn):
    school = access.get_school_for(request.user, urn, "view_register")
    filterset, register = _register(request, school)
    keep = _kept_for_whole_school(request, school)
    page, summary = register.page(request.GET.get("page"), keep=keep)
    query = register_query(request)
    query.pop("page", None)
    return render(
        request,
        "pupils/register.html",
        {
            "school": school,
            "filter": filterset,
            "page": page,
            "rows": _rows(school, page, keep) if summary["total"] else "",
            "summary": summary,
            "query_string": query.urlencode(),
            "can_add_pupils": access.can_at_school(request.user, "add_pupils", school),
            "filter_form": render_kept(
                "pupils/_register_filters.html",
                filterset.form,
                register_url=reverse("register", args=[school.urn]),
                # The filters stay open when one beyond the search and the default is in use.
                filtered=any(
                    value
                    for key, value in request.GET.items()
                    if key not in {"page", "q", "sort", "status"}
                )
                or request.GET.get("status", ON_REGISTER) != ON_REGISTER,
            ),
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
    pupil = get_pupil_for(request.user, pk, "view_record", **READ_WITH_PUPIL)
    log_access(request, pupil, "record")
    body = record_body(request.user, pupil, timezone.localdate())
    return render(request, "pupils/pupil_record.html", {"pupil": pupil, "body": body})


@login_required
def needs_edit(request, pk):
    pupil = get_pupil_for(request.user, pk, "edit_sen_record")
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
        changed = record_services.needs_set(
            pupil=pupil,
            need_types={1: form.cleaned_data["need_type_1"], 2: form.cleaned_data["need_type_2"]},
            on=form.cleaned_data["recorded_on"],
            user=request.user,
        )
        message = "Need types updated." if changed else "Need types unchanged."
        messages.success(request, message)
        return redirect("pupil_record", pk=pupil.pk)
    return render(
        request,
        "pupils/record_form.html",
        {
            "pupil": pupil,
            "form": form,
            "title": "Set DfE need types",
            "intro": "At most two, ranked. A changed need ends on the date given and stays in "
            "the history.",
        },
    )


@login_required
def criterion_add(request, pk):
    """A level-2 reason for SEN support. Only some frameworks' rules take them (the record
    offers the form only then): under the others, asked by its address, it says so and
    records nothing. Here rather than with the other SEN-record forms because only the
    census knows which rules take them."""
    pupil = get_pupil_for(request.user, pk, "edit_sen_record")
    framework = pupil.school.authority.framework
    if not rules_named(framework.rules).USES_LEVEL_TWO_CRITERIA:
        messages.error(
            request,
            f"The {framework.name} framework's rules use no level-2 reasons, so there is "
            "none to record. Record the pupil's levels on the grid instead.",
        )
        return redirect("pupil_record", pk=pupil.pk)
    form = LevelTwoCriterionForm(request.POST or None, pupil=pupil)
    if request.method == "POST" and form.is_valid():
        record_services.criterion_record(pupil=pupil, user=request.user, **form.cleaned_data)
        messages.success(request, "Level-2 reason recorded.")
        return redirect("pupil_record", pk=pupil.pk)
    return render(
        request,
        "pupils/record_form.html",
        {
            "pupil": pupil,
            "form": form,
            "title": "Record a reason for SEN support at level 2",
            "intro": "At level 2 a pupil is at SEN support (K) when one of these reasons from "
            f"the {framework.name} guidance holds. Needs across two or more broad areas count "
            "by themselves.",
        },
    )


@login_required
def pupil_history(request, pk):
    """Every change to the pupil's SEN records: who, when, what changed."""
    pupil = get_pupil_for(request.user, pk, "view_record")
    log_access(request, pupil, "history")
    return render(request, "pupils/history.html", {"pupil": pupil, "changes": pupil_changes(pupil)})


def needs_summary_from_grid(pupil, on):
    standing = StandingPeriod.objects.on(on).get(pupil=pupil)
    return f"Census code {standing.code}: {standing.basis}." if standing.on_roll else ""


@login_required
def plan_new(request, pk):
    pupil = get_pupil_for(request.user, pk, "edit_sen_record")
    form = NewPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = plan_services.plan_create(
            pupil=pupil,
            kind=form.cleaned_data["kind"],
            needs_summary=needs_summary_from_grid(pupil, timezone.localdate()),
            user=request.user,
        )
        copied = (
            " It starts from the previous plan's outcomes and provision." if plan.previous else ""
        )
        messages.success(request, f"Draft plan started.{copied}")
        return redirect("plan", pk=plan.pk)
    return render(
        request,
        "pupils/record_form.html",
        {"pupil": pupil, "form": form, "title": "Start a new support plan"},
    )


@login_required
def my_pupils(request, urn):
    """A teacher's or teaching assistant's pupils: needs, levels with their meaning,
    outcomes, strategies and passports, and each of their groups' passports to print."""
    school = access.get_school_for(request.user, urn, "my_pupils")
    today = timezone.localdate()
    user = request.user
    # Whose pupils they are follows from the reader's groups (watched) and roles here.
    body = body_kept(
        school,
        today,
        ("my pupils", user.pk, frozenset(access.roles_at(user, school))),
        "support_plans/_my_pupils_body.html",
        lambda keep: _my_pupils(user, school, today),
    )
    return render(request, "support_plans/my_pupils.html", {"school": school, "body": body})


def _my_pupils(user, school, today):
    pupils = (
        Pupil.objects.at(school).on_roll(on=today).taught_by(user).select_related("class_group")
    )
    entries = StandingPeriod.objects.on(today).of(pupils).with_pupils()
    plans = {
        plan.pupil_id: plan
        for plan in SupportPlan.objects.active()
        .filter(pupil__in=pupils)
        .prefetch_related("outcomes")
    }
    return {
        "school": school,
        "rows": [(e, plans.get(e.pupil.pk)) for e in entries],
        "descriptors": descriptors(school),
        "groups": access.groups_taught_at(user, school),
    }


@login_required
def ehc_calendar_page(request, urn):
    school = access.get_school_for(request.user, urn, "ehc_calendar")
    log_school_view(request, school, "EHC calendar")
    today = timezone.localdate()
    body = body_kept(
        school,
        today,
        "EHC calendar",
        "support_plans/ehc/_calendar_body.html",
        lambda keep: {"school": school, "today": today, **ehc_calendar(school, today)},
    )
    return render(request, "support_plans/ehc/calendar.html", {"school": school, "body": body})


@login_required
def interventions_page(request, urn):
    """The school's interventions compared: pupils, cost a pupil, average progress."""
    school = access.get_school_for(request.user, urn, "provision_map")
    log_school_view(request, school, "interventions")
    period = Period.asked(request.GET.get("period", ""), timezone.localdate())
    return render(
        request,
        "support_plans/interventions.html",
        {
            "school": school,
            "period": period,
            "to_date": request.GET.get("period") == "to_date",
            "rows": catalogue.compared(school, period),
        },
    )


@login_required
def provision_map_page(request, urn):
    school = access.get_school_for(request.user, urn, "provision_map")
    log_school_view(request, school, "provision map")
    today = timezone.localdate()
    params = request.GET.copy()
    body = body_kept(
        school,
        today,
        ("provision map", tuple((k, tuple(v)) for k, v in sorted(params.lists()))),
        "support_plans/_provision_map_body.html",
        lambda keep: {"school": school, **provision_map(school, today, params)},
    )
    return render(request, "support_plans/provision_map.html", {"school": school, "body": body})


@login_required
def evidence_pack(request, pk):
    pupil = get_pupil_for(request.user, pk, "evidence_pack")
    return download(
        request,
        evidence_pack_pdf(pupil),
        filename=f"evidence-pack-{pupil.upn}-{timezone.localdate()}.pdf",
        content_type="application/pdf",
        what="evidence pack PDF",
        school=pupil.school,
        pupil=pupil,
    )
