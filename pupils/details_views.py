"""A pupil's details, for the SENCO and head: adding a pupil by hand, correcting details and
groups, recording that they left the roll. Each save is kept in the pupil's history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from pupils.access import get_pupil_for
from sen_register.core import access
from sen_register.core.dates import in_words

from .pupil_forms import LeavingForm, PupilDetailsForm


@login_required
def pupil_add(request, urn):
    school = access.get_school_for(request.user, urn, "add_pupils")
    form = PupilDetailsForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        pupil = form.save()
        messages.success(request, f"{pupil.display_name} is added to the school's pupils.")
        return redirect("pupil_record", pk=pupil.pk)
    return render(
        request,
        "pupils/details_form.html",
        {"school": school, "form": form, "pupil": None, "title": "Add a pupil"},
    )


@login_required
def pupil_details(request, pk):
    pupil = get_pupil_for(request.user, pk, "edit_details")
    form = PupilDetailsForm(request.POST or None, instance=pupil, school=pupil.school)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{pupil.display_name}'s details are saved.")
        return redirect("pupil_record", pk=pupil.pk)
    return render(
        request,
        "pupils/details_form.html",
        {"school": pupil.school, "form": form, "pupil": pupil, "title": "Change details"},
    )


@login_required
def pupil_leaving(request, pk):
    pupil = get_pupil_for(request.user, pk, "edit_details")
    if request.method == "POST" and "back_on_roll" in request.POST and pupil.left_on:
        pupil.left_on = None
        pupil.save()
        messages.success(request, f"{pupil.display_name} is back on roll.")
        return redirect("pupil_record", pk=pupil.pk)
    initial = {"left_on": pupil.left_on}
    form = LeavingForm(
        request.POST if request.method == "POST" else None, initial=initial, pupil=pupil
    )
    if form.is_bound and form.is_valid():
        pupil.left_on = form.cleaned_data["left_on"]
        pupil.save()
        messages.success(
            request,
            f"{pupil.display_name}'s last day on roll is {in_words(pupil.left_on)}.",
        )
        return redirect("pupil_record", pk=pupil.pk)
    return render(request, "pupils/leaving_form.html", {"pupil": pupil, "form": form})
