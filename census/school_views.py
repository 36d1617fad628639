"""The school's details the census rules ask for: its type, and whether it has an SEN unit or
resourced provision (docs/census-rules.md)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from sen_register.core import access
from sen_register.core.models import School


class SchoolDetailsForm(forms.ModelForm):
    class Meta:
        model = School
        fields = ["school_type", "has_sen_unit", "has_resourced_provision"]
        widgets = {"school_type": forms.RadioSelect}
        help_texts = {
            "has_sen_unit": "The census then asks, of each pupil at K or E, whether they are in "
            "it (rule 2230).",
            "has_resourced_provision": "The census then asks, of each pupil at K or E, whether "
            "they are in it (rule 2250).",
        }


@login_required
def school_details(request, urn):
    school = access.get_school_for(request.user, urn, "school_details")
    form = SchoolDetailsForm(request.POST or None, instance=school)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The school's details are saved; the census checks use them.")
        return redirect("census", school.urn)
    return render(request, "census/school_details.html", {"school": school, "form": form})
