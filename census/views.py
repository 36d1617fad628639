"""The census pages for heads and SENCOs: check, download, freeze, compare."""

from collections import Counter
from dataclasses import replace
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sen_register.core import access
from sen_register.core.dates import in_words
from sen_register.core.downloads import download

from .days import day_problem, next_census_day, recent_census_days
from .exports import csv_lines, xml_lines
from .forms import CensusDayForm, CompareSnapshotsForm, FreezeForm, MISUploadForm
from .mis import MISFileError, compare_with_mis, read_mis_codes
from .models import CensusSnapshot
from .returns import census_return, census_standings
from .revisions import keeper
from .snapshots import SnapshotExists, snapshot_compare, snapshot_freeze
from .summary import code_counts, need_type_counts
from .validation import ERROR, QUERY, WARNING, CensusContext, grouped, validate

CHECK_SECTIONS = [
    (ERROR, "DfE errors", "These would stop a clean return. Each links to the pupil to put right."),
    (QUERY, "DfE queries", "The DfE will ask the school to confirm these."),
    (
        WARNING,
        "Register checks",
        "From the Code of Practice and the Sheffield guidance; they do not block the return.",
    ),
]


def _census_url(school, on):
    return f"{reverse('census', args=[school.urn])}?date={on.isoformat()}"


@login_required
def census_page(request, urn):
    school = access.get_school_for(request.user, urn, "census")
    upcoming = next_census_day(timezone.localdate())
    form = CensusDayForm(request.GET if "date" in request.GET else {"date": upcoming.on})
    on = form.cleaned_data["date"] if form.is_valid() else upcoming.on
    return _render_census(request, school, on, form)


def census_figures(school, on, keep=None):
    """What the census page shows of the school on day `on`: codes, need types and the
    checks' findings grouped by rule under each section. Worked out from every pupil on roll,
    so kept until the school's records change (census.revisions; `keep` when the school's
    revision is already read)."""

    def work():
        context = CensusContext.of_school(school, on)
        findings = validate(context)
        return {
            "codes": code_counts(Counter(row.code for row in context.rows)),
            "need_types": need_type_counts(context.rows),
            "pupil_count": len(context.rows),
            "sections": [
                (title, intro, len(found), grouped(found))
                for severity, title, intro in CHECK_SECTIONS
                for found in [[f for f in findings if f.severity == severity]]
            ],
        }

    return (keep or keeper(school, on))("census page", work)


def _render_census(request, school, on, form, freeze_form=None):
    """The census page for day `on`; `freeze_form` when freezing was refused, to show why."""
    today = timezone.localdate()
    upcoming = next_census_day(today)
    keep = keeper(school, on)
    figures = census_figures(school, on, keep)
    snapshots = list(school.census_snapshots.all())
    return render(
        request,
        "census/census.html",
        {
            "school": school,
            "on": on,
            "form": form,
            "upcoming": upcoming,
            "days_until": (upcoming.on - today).days,
            "census_days": recent_census_days(today),
            "codes": figures["codes"],
            "need_types": figures["need_types"],
            "pupil_count": figures["pupil_count"],
            "checks": checks_drawn(school, on, figures, request.GET.get("rule"), keep),
            "snapshots": snapshots,
            "can_transfer": "transfer_pupils" in access.school_actions(request.user, school.pk),
            "can_read_moderation": access.can_at_school(
                request.user, "moderation_outcomes", school
            ),
            "frozen": next((s for s in snapshots if s.census_date == on), None),
            # Three forms on one page: each its own ids (every id unique on a page).
            "freeze_form": freeze_form or FreezeForm(initial={"date": on}, auto_id="freeze_%s"),
            "compare_form": CompareSnapshotsForm(school=school, auto_id="compare_%s"),
            "mis_form": MISUploadForm(initial={"date": on}, auto_id="mis_%s"),
        },
    )


# Findings of one rule the census page lists before "show all": a school of thousands can
# have a thousand of one kind, and the page lists them all only when asked.
FINDINGS_LISTED = 25


def checks_drawn(school, on, figures, rule_asked, keep):
    """The checks' sections as drawn (hundreds of findings at a large school), kept with the
    figures they are drawn from: for each rule listed in full, or none."""
    rules = {group.rule for *_, groups in figures["sections"] for group in groups}
    rule_asked = rule_asked if rule_asked in rules else None

    def draw():
        checks = [
            (title, intro, count, listed(groups, rule_asked))
            for title, intro, count, groups in figures["sections"]
        ]
        return render_to_string(
            "census/_checks.html", {"checks": checks, "census_url": _census_url(school, on)}
        )

    return keep(("census checks drawn", rule_asked), draw)


def listed(groups, rule_asked):
    """Each group limited to FINDINGS_LISTED, except the rule asked for in full."""
    return [
        replace(group, limit=None if group.rule == rule_asked else FINDINGS_LISTED)
        for group in groups
    ]


def _parse_day(text):
    """The day asked for, or None if it is not a date the census pages can be asked about."""
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return None
    return None if day_problem(day) else day


def _live_download(request, urn, extension):
    school = access.get_school_for(request.user, urn, "census")
    on = _parse_day(request.GET.get("date"))
    if on is None:
        return HttpResponseBadRequest(
            "Give the census day as ?date=YYYY-MM-DD, between 2000 and 2099."
        )
    rows = census_return([school], on)
    if extension == "csv":
        lines, content_type = csv_lines(rows), "text/csv; charset=utf-8"
    else:
        lines, content_type = xml_lines(school, on, rows), "application/xml"
    return download(
        request,
        lines,
        filename=f"census-{school.urn}-{on}.{extension}",
        content_type=content_type,
        what=f"census {extension.upper()}",
        school=school,
    )


@login_required
def census_export_csv(request, urn):
    return _live_download(request, urn, "csv")


@login_required
def census_export_xml(request, urn):
    return _live_download(request, urn, "xml")


@login_required
@require_POST
def census_freeze(request, urn):
    school = access.get_school_for(request.user, urn, "census")
    form = FreezeForm(request.POST, auto_id="freeze_%s")
    if not form.is_valid():  # shown on the census page, in its error summary
        on = _parse_day(request.POST.get("date")) or next_census_day(timezone.localdate()).on
        return _render_census(request, school, on, CensusDayForm({"date": on}), form)
    on = form.cleaned_data["date"]
    try:
        snapshot = snapshot_freeze(school=school, on=on, user=request.user)
    except SnapshotExists as refusal:
        messages.error(request, str(refusal))
        return redirect(_census_url(school, on))
    messages.success(request, f"The census of {in_words(on)} is frozen as it stands now.")
    return redirect("snapshot", urn=school.urn, pk=snapshot.pk)


def _snapshot_for(request, urn, pk):
    school = access.get_school_for(request.user, urn, "census")
    return school, get_object_or_404(
        CensusSnapshot.objects.select_related("frozen_by"), pk=pk, school=school
    )


@login_required
def snapshot_detail(request, urn, pk):
    school, snapshot = _snapshot_for(request, urn, pk)
    counts = dict(snapshot.rows.values_list("sen_provision").annotate(n=Count("pk")).order_by())
    page = Paginator(snapshot.rows.all(), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "census/snapshot.html",
        {
            "school": school,
            "snapshot": snapshot,
            "codes": code_counts(counts),
            "page": page,
        },
    )


@login_required
def snapshot_export_csv(request, urn, pk):
    school, snapshot = _snapshot_for(request, urn, pk)
    return download(
        request,
        csv_lines(snapshot.rows.iterator(chunk_size=1000)),
        filename=f"census-{school.urn}-{snapshot.census_date}-frozen.csv",
        content_type="text/csv; charset=utf-8",
        what="frozen census CSV",
        school=school,
    )


@login_required
def snapshot_compare_page(request, urn):
    school = access.get_school_for(request.user, urn, "census")
    form = CompareSnapshotsForm(request.GET or None, school=school)
    movements = counts = None
    if form.is_valid():
        movements, counts = snapshot_compare(
            form.cleaned_data["earlier"], form.cleaned_data["later"]
        )
        counts = sorted(counts.items())
    return render(
        request,
        "census/compare.html",
        {"school": school, "form": form, "movements": movements, "counts": counts},
    )


@login_required
def mis_compare_page(request, urn):
    school = access.get_school_for(request.user, urn, "census")
    form = MISUploadForm(request.POST or None, request.FILES or None)
    context = {"school": school, "form": form, "mismatches": None, "file_errors": []}
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data["date"]
        try:
            mis_pupils = read_mis_codes(form.cleaned_data["file"].read())
        except MISFileError as failure:
            context["file_errors"] = failure.errors
        else:
            context["on"] = on
            context["mis_count"] = len(mis_pupils)
            context["mismatches"] = compare_with_mis(census_standings(school, on), mis_pupils)
    return render(request, "census/mis.html", context)
