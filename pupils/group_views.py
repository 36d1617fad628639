"""Teaching groups, for the SENCO and head: the list, adding a group, one group's pupils and
staff, and importing groups from a file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from sen_register.core import access
from sen_register.core.models import User

from . import groups_file
from .models import ClassGroup, GroupKind, NCYear, Pupil
from .register_file import RegisterFileError
from .staff_forms import GroupForm, GroupMembersForm, GroupsFileForm


def _school(request, urn):
    return access.get_school_for(request.user, urn, "manage_groups")


@login_required
def group_list(request, urn):
    school = _school(request, urn)
    groups = (
        ClassGroup.objects.filter(school=school)
        .annotate(
            form_pupils=Count("pupils", distinct=True),
            listed_pupils=Count("members", distinct=True),
        )
        .prefetch_related(Prefetch("teachers", queryset=User.objects.order_by("last_name")))
        .order_by("kind", "name")
    )
    return render(request, "pupils/groups/list.html", {"school": school, "groups": groups})


@login_required
def group_add(request, urn):
    school = _school(request, urn)
    form = GroupForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        group = form.save()
        messages.success(request, f"{group.name} is added. Now add its pupils.")
        return redirect("group", urn=school.urn, pk=group.pk)
    return render(
        request, "pupils/groups/form.html", {"school": school, "form": form, "group": None}
    )


@login_required
def group_detail(request, urn, pk):
    school = _school(request, urn)
    group = get_object_or_404(ClassGroup, school=school, pk=pk)
    today = timezone.localdate()
    year = request.GET.get("year") or ""
    year = year if year in NCYear.values else ""
    details = GroupForm(
        request.POST if "save_details" in request.POST else None, instance=group, school=school
    )
    members = GroupMembersForm(
        request.POST if "save_members" in request.POST else None,
        group=group,
        year=year,
        today=today,
    )
    if details.is_bound and details.is_valid():
        details.save()
        messages.success(request, f"{group.name} is saved.")
        return redirect("group", urn=school.urn, pk=group.pk)
    if members.is_bound and members.is_valid():
        group.members.add(*members.cleaned_data["add"])
        group.members.remove(*members.cleaned_data["remove"])
        added, taken = len(members.cleaned_data["add"]), len(members.cleaned_data["remove"])
        messages.success(request, f"{group.name}: {added} added, {taken} taken out.")
        return redirect("group", urn=school.urn, pk=group.pk)
    form_pupils = (
        Pupil.objects.at(school).on_roll(on=today).filter(class_group=group)
        if group.kind == GroupKind.FORM
        else Pupil.objects.none()
    )
    return render(
        request,
        "pupils/groups/detail.html",
        {
            "school": school,
            "group": group,
            "form": details if details.is_bound else members,
            "details": details,
            "members": members,
            "form_pupils": form_pupils,
            "staff": group.teachers.all(),
            "year": year,
            "years": NCYear.choices,
        },
    )


@login_required
def groups_import(request, urn):
    school = _school(request, urn)
    form = GroupsFileForm(request.POST or None, request.FILES or None)
    errors, total, summary = [], 0, None
    if request.method == "POST" and form.is_valid():
        try:
            wanted = groups_file.read(school, form.cleaned_data["file"].read())
        except RegisterFileError as refusal:
            errors, total = refusal.errors, refusal.total
        else:
            summary = groups_file.apply(
                school, wanted, replace=form.cleaned_data["replace"], by=request.user
            )
            form = GroupsFileForm()
    return render(
        request,
        "pupils/groups/import.html",
        {
            "school": school,
            "form": form,
            "errors": errors,
            "problem_count": total,
            "summary": summary,
        },
    )
