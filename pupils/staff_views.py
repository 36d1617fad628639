"""The staff pages of a school, for its SENCO and head: who works here with which roles and
groups, inviting someone, changing or ending their roles, and the history of those changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from sen_register.core import access
from sen_register.core.models import User

from . import staff
from .staff_forms import InviteStaffForm, StaffMemberForm

CHANGES_PER_PAGE = 50


def _school(request, urn):
    return access.get_school_for(request.user, urn, "manage_staff")


def _member(school, user_pk):
    """A member of `school`'s staff; 404 for anyone else (an account's existence is not
    told to another school)."""
    member = User.objects.filter(pk=user_pk).first()
    if member is None or not staff.roles_at(school, member):
        raise Http404("No such member of staff.")
    return member


@login_required
def staff_list(request, urn):
    school = _school(request, urn)
    return render(
        request,
        "pupils/staff/list.html",
        {"school": school, "members": staff.staff_of(school)},
    )


@login_required
def staff_invite(request, urn):
    school = _school(request, urn)
    form = InviteStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = staff.invite(
                school=school,
                **form.cleaned_data,
                by=request.user,
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except staff.StaffError as refusal:
            form.add_error("email", str(refusal))
        else:
            messages.success(
                request, f"{member.email} has been emailed and can now sign in to {school}."
            )
            return redirect("staff", urn=school.urn)
    return render(request, "pupils/staff/invite.html", {"school": school, "form": form})


@login_required
def staff_member(request, urn, user_pk):
    school = _school(request, urn)
    member = _member(school, user_pk)
    initial = {
        "roles": sorted(staff.roles_at(school, member)),
        "groups": list(member.taught_class_groups.filter(school=school)),
    }
    form = StaffMemberForm(request.POST or None, initial=initial, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            staff.change_roles(school=school, member=member, **form.cleaned_data, by=request.user)
        except staff.StaffError as refusal:
            form.add_error("roles", str(refusal))
        else:
            messages.success(request, f"{member}'s roles and groups are saved.")
            return redirect("staff", urn=school.urn)
    return render(
        request,
        "pupils/staff/member.html",
        {"school": school, "member": member, "form": form},
    )


@login_required
def staff_remove(request, urn, user_pk):
    school = _school(request, urn)
    member = _member(school, user_pk)
    refusal = None
    if request.method == "POST":
        try:
            staff.remove(school=school, member=member, by=request.user)
        except staff.StaffError as error:
            refusal = str(error)
        else:
            messages.success(request, f"{member} no longer has a role at {school}.")
            return redirect("staff", urn=school.urn)
    return render(
        request,
        "pupils/staff/remove.html",
        {
            "school": school,
            "member": member,
            "roles": staff.listed_roles(staff.roles_at(school, member)),
            "refusal": refusal,
        },
    )


@login_required
def staff_changes(request, urn):
    school = _school(request, urn)
    page = Paginator(school.staff_changes.all(), CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "pupils/staff/changes.html", {"school": school, "page": page})
