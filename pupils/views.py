"""The register and the pupil's record (read-only views; the SENCO's forms come later)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from census.records import derive_pupils, with_census
from sen_register import access

from .grid import current_levels_by_strand, descriptors
from .models import Pupil

PAGE_SIZE = 50


@login_required
def register(request, urn):
    school = access.get_school_for(request.user, urn, "view_register")
    today = timezone.localdate()
    query = request.GET.get("q", "").strip()
    include_left = request.GET.get("include_left") == "1"
    pupils = Pupil.objects.at(school).visible_to(request.user).search(query)
    if not include_left:
        pupils = pupils.on_roll(on=today)
    pupils = pupils.select_related("class_group")
    page = Paginator(pupils, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_census(page.object_list, today)
    return render(
        request,
        "pupils/register.html",
        {
            "school": school,
            "page": page,
            "query": query,
            "include_left": include_left,
            "descriptors": descriptors(),
            "today": today,
        },
    )


@login_required
def pupil_record(request, pk):
    pupil = access.get_pupil_for(request.user, pk, "view_record")
    today = timezone.localdate()
    return render(
        request,
        "pupils/pupil_record.html",
        {
            "pupil": pupil,
            "today": today,
            "strands": current_levels_by_strand(pupil, today),
            "census": derive_pupils([pupil], today)[0][1],
            "descriptors": descriptors(),
            "history": pupil.assessments.select_related("strand", "assessed_by").order_by(
                "-assessed_on", "-id"
            ),
            "criteria": pupil.level_two_criteria.all(),
            "decisions": pupil.senco_decisions.select_related("decided_by"),
            "needs": pupil.sen_needs.all(),
            "ehc_plans": pupil.ehc_plans.all(),
        },
    )
