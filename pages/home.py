"""Home pages for each role."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from census.days import next_census_day
from census.derivation import NONE
from census.models import StandingPeriod
from census.officer import by_framework, officer_census_days, officer_table
from pages.overview import school_picture
from pupils.grid import descriptors
from pupils.models import ParentInvitation, Pupil
from sen_register.core import access
from sen_register.core.models import Role


@login_required
def home(request):
    """Parents see their children; staff with one school go straight to it."""
    schools = access.schools_of(request.user)
    children = list(
        Pupil.objects.filter(parent_links__parent=request.user).select_related(
            "school", "class_group"
        )
    )
    waiting = []
    if access.may_become_parent(request.user):
        waiting = list(
            ParentInvitation.objects.pending()
            .addressed_to(request.user)
            .select_related("pupil__school")
        )
    held = access.holdings(request.user)
    is_officer = bool(held.schools_with(access.OFFICER))
    if is_officer and not held.schools_with(*access.STAFF_ROLES) and not children:
        return redirect("officer")  # an officer's work is across their schools
    if len(schools) == 1 and not children:
        return redirect("school_home", urn=schools[0][0].urn)
    named = [(school, [Role(role).label for role in roles]) for school, roles in schools]
    return render(
        request,
        "core/home.html",
        {
            "schools": named,
            "children": children,
            "invitations": waiting,
            "is_officer": is_officer,
        },
    )


@login_required
def school_home(request, urn):
    school = access.get_school_for(request.user, urn, "view_school_home")
    roles = access.roles_at(request.user, school)
    today = timezone.localdate()
    on_roll = Pupil.objects.at(school).on_roll(on=today)
    context = {"school": school, "roles": roles, "today": today}
    if access.can_at_school(request.user, "census", school):
        upcoming = next_census_day(today)
        context["next_census"] = upcoming
        context["days_to_census"] = (upcoming.on - today).days
    if roles & {access.SENCO, access.HEAD}:
        context["picture"] = school_picture(school, today)
    elif access.OFFICER in roles:
        # The school's row of the officer's table, hidden cells and all: the same figures
        # as there, so nothing here can be subtracted from them.
        day = officer_census_days(today)[0]
        officer_schools = access.holdings(request.user).schools_with(access.OFFICER)
        group = next(g for g in by_framework(officer_schools) if school.pk in g.schools)
        rows, _total = officer_table(group, day.on)
        context["overview"] = next(r for r in rows if r.figures.school_id == school.pk)
        context["overview_day"] = day
    if roles & set(access.GROUP_ROLES):
        taught_pupils = on_roll.taught_by(request.user)
        # Asked (a query) only when the page has no pupils to show.
        context["my_groups_linked"] = access.holdings(request.user).taught_classes
        # Those with needs lead: the rest of the class is a click away on the register.
        context["my_pupils"] = list(
            StandingPeriod.objects.on(today).of(taught_pupils).exclude(status=NONE).with_pupils()
        )
        context["descriptors"] = descriptors(school)
    return render(request, "core/school_home.html", context)
