"""A pupil's top-up funding from the local authority, for the SENCO and head: listed, and
a new award recorded (the census asks about it, query 1990). Each is dated; one that ends is
given its end date, never removed."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from pupils.access import get_pupil_for

from .forms import DATE_WIDGET
from .models import TopUpFunding


class TopUpFundingForm(forms.ModelForm):
    class Meta:
        model = TopUpFunding
        fields = ["starts_on", "ends_on", "amount", "band", "note"]
        widgets = {"starts_on": DATE_WIDGET["widget"], "ends_on": DATE_WIDGET["widget"]}
        help_texts = {"ends_on": "Leave blank while it continues."}

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("amount") is None and not cleaned.get("band"):
            self.add_error("amount", "Give the amount a year, the band, or both.")
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", "The funding must end after it starts.")
        return cleaned


@login_required
def top_up_funding(request, pk):
    pupil = get_pupil_for(request.user, pk, "edit_details")
    form = TopUpFundingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.pupil = pupil
        form.instance.recorded_by = request.user
        form.save()
        messages.success(request, f"Top-up funding for {pupil.display_name} is recorded.")
        return redirect("top_up_funding", pk=pupil.pk)
    return render(
        request,
        "pupils/top_up_funding.html",
        {
            "pupil": pupil,
            "school": pupil.school,
            "form": form,
            "awards": pupil.top_up_funding.all(),
        },
    )
