"""Moderation pages. Officers draw rounds and judge cases, and see no name, UPN or date of
birth: a case is the copy made when it was drawn (census.moderation_models), never the pupil.
Each school's SENCO reads the outcome for their own pupils, by name."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from sen_register.core import access
from sen_register.core.audit import log_school_view
from sen_register.core.models import Framework

from .moderation import draw_round, judge
from .moderation_forms import DrawForm, JudgementForm
from .moderation_models import ModerationCase, ModerationJudgement, ModerationRound
from .officer import by_framework, officer_census_days


def _with_judgements(cases):
    return cases.prefetch_related(
        Prefetch("judgements", queryset=ModerationJudgement.objects.order_by("at", "id"))
    )


@login_required
def rounds(request):
    """The rounds that drew cases from the officer's schools, newest first."""
    mine = access.check_moderation(request.user)
    found = (
        ModerationRound.objects.filter(schools__in=mine)
        .distinct()
        .select_related("framework")
        .annotate(
            case_count=Count("cases", filter=Q(cases__school__in=mine), distinct=True),
        )
    )
    return render(request, "census/moderation/rounds.html", {"rounds": found})


@login_required
def draw(request):
    groups = by_framework(access.check_moderation(request.user))
    schools = sorted(
        ((pk, name) for group in groups for pk, name in group.schools.items()),
        key=lambda school: school[1],
    )
    frameworks = {pk: (g.slug, g.name) for g in groups for pk in g.schools}
    days = officer_census_days(timezone.localdate())
    form = DrawForm(request.POST or None, schools=schools, frameworks=frameworks, days=days)
    if request.method == "POST" and form.is_valid():
        drawn = draw_round(
            framework=Framework.objects.get(slug=form.framework_slug()),
            school_ids=form.cleaned_data["schools"],
            on=form.cleaned_data["census_date"],
            size=form.cleaned_data["size"],
            user=request.user,
        )
        count = drawn.cases.count()
        if count:
            messages.success(request, f"Drew {count} case{'s' if count != 1 else ''}.")
        else:
            messages.info(
                request, "No pupil of these schools was on the register that day: no cases."
            )
        return redirect("moderation_round", pk=drawn.pk)
    return render(request, "census/moderation/draw.html", {"form": form})


def _round_for(user, pk):
    moderation = get_object_or_404(ModerationRound.objects.select_related("framework"), pk=pk)
    mine = access.check_moderation(user, set(moderation.schools.values_list("pk", flat=True)))
    return moderation, mine


@login_required
def round_page(request, pk):
    moderation, mine = _round_for(request.user, pk)
    cases = list(
        _with_judgements(
            moderation.cases.filter(school__in=mine).select_related("school")
        ).order_by("sample_id")
    )
    judged = [c for c in cases if c.judgement]
    return render(
        request,
        "census/moderation/round.html",
        {
            "round": moderation,
            "cases": cases,
            "judged": len(judged),
            "agreed": sum(1 for c in judged if c.judgement.agrees),
        },
    )


@login_required
def case_page(request, pk, sample_id):
    moderation, mine = _round_for(request.user, pk)
    case = get_object_or_404(
        _with_judgements(moderation.cases.select_related("school")), sample_id=sample_id
    )
    if case.school_id not in mine:
        raise Http404("No such case.")
    form = JudgementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        judge(
            case,
            agrees=form.cleaned_data["agrees"],
            note=form.cleaned_data["note"].strip(),
            user=request.user,
        )
        messages.success(request, f"Your judgement of {case.sample_id} is recorded.")
        return redirect("moderation_round", pk=moderation.pk)
    return render(
        request,
        "census/moderation/case.html",
        {"round": moderation, "case": case, "form": form},
    )


@login_required
def school_outcomes(request, urn):
    """The school's SENCO: every case drawn from the school, with its pupil and judgement."""
    school = access.get_school_for(request.user, urn, "moderation_outcomes")
    cases = list(
        _with_judgements(
            ModerationCase.objects.filter(school=school).select_related("round", "pupil")
        ).order_by("-round__drawn_at", "sample_id")
    )
    log_school_view(request, school, "moderation outcomes")
    return render(request, "census/moderation/outcomes.html", {"school": school, "cases": cases})
