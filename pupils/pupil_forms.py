"""A pupil's details in the browser: adding a pupil, correcting details, leaving the roll.
The checks are the register import's (the same UPN rules and limits), so a pupil added by
hand is one the import would have accepted."""

from django import forms
from django.utils import timezone

from sen_register.core.dates import in_words

from .forms import DATE_WIDGET
from .models import ClassGroup, GroupKind, Pupil
from .staff_forms import GroupsField
from .upn import normalise_upn, upn_problem


class PupilDetailsForm(forms.ModelForm):
    groups = GroupsField(
        queryset=ClassGroup.objects.none(),
        required=False,
        label="Other teaching groups",
        help_text="Subject classes, sets and intervention groups. Their teachers and teaching "
        "assistants see the pupil's needs and strategies.",
    )

    class Meta:
        model = Pupil
        fields = [
            "upn",
            "legal_forename",
            "legal_surname",
            "preferred_forename",
            "preferred_surname",
            "date_of_birth",
            "nc_year",
            "class_group",
            "joined_on",
            "eal",
            "in_sen_unit",
            "in_resourced_provision",
        ]
        labels = {
            "upn": "UPN (unique pupil number)",
            "legal_forename": "Legal first name",
            "legal_surname": "Legal last name",
            "preferred_forename": "Preferred first name (optional)",
            "preferred_surname": "Preferred last name (optional)",
            "nc_year": "National curriculum year",
            "class_group": "Form group",
            "joined_on": "On roll from (optional)",
            "in_sen_unit": "In the school's SEN unit?",
            "in_resourced_provision": "In the school's resourced provision?",
        }
        help_texts = {"upn": "13 characters, as on the pupil's records from the MIS."}
        widgets = {
            "date_of_birth": DATE_WIDGET["widget"],
            "joined_on": DATE_WIDGET["widget"],
            "in_sen_unit": forms.NullBooleanSelect,
            "in_resourced_provision": forms.NullBooleanSelect,
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        groups = ClassGroup.objects.filter(school=school).order_by("name")
        self.fields["class_group"].queryset = groups.filter(kind=GroupKind.FORM)
        self.fields["class_group"].empty_label = "No form group"
        self.fields["groups"].queryset = groups.exclude(kind=GroupKind.FORM)
        self.fields["upn"].validators = []  # checked below, with the import's words
        # The census asks these only of a school with a unit or resourced provision.
        if not school.has_sen_unit:
            del self.fields["in_sen_unit"]
        if not school.has_resourced_provision:
            del self.fields["in_resourced_provision"]
        if self.instance.pk:
            self.initial["groups"] = list(self.instance.teaching_groups.all())

    def clean_upn(self):
        upn = normalise_upn(self.cleaned_data["upn"]).upper()
        problem = upn_problem(upn)
        if problem:
            raise forms.ValidationError(f"{upn} is not a valid UPN: {problem}.")
        taken = Pupil.objects.at(self.school).filter(upn=upn).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"Another pupil here already has the UPN {upn}.")
        return upn

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born > timezone.localdate():
            raise forms.ValidationError("The date of birth cannot be in the future.")
        return born

    def clean(self):
        data = super().clean()
        joined, left = data.get("joined_on"), self.instance.left_on
        if joined and left and left < joined:
            self.add_error(
                "joined_on", f"The pupil left the roll before this date ({in_words(left)})."
            )
        return data

    def save(self, commit=True):
        self.instance.school = self.school
        pupil = super().save(commit=True)
        # Only the groups offered here change: a form group is the pupil's class_group.
        offered = self.fields["groups"].queryset
        pupil.teaching_groups.remove(*offered.exclude(pk__in=self.cleaned_data["groups"]))
        pupil.teaching_groups.add(*self.cleaned_data["groups"])
        return pupil


class LeavingForm(forms.Form):
    left_on = forms.DateField(
        label="Last day on roll",
        help_text="From the next day the pupil is off the register and out of the census. "
        "Their records are kept.",
        **DATE_WIDGET,
    )

    def __init__(self, *args, pupil, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupil = pupil

    def clean_left_on(self):
        left = self.cleaned_data["left_on"]
        joined = self.pupil.joined_on
        if joined and left < joined:
            raise forms.ValidationError(
                f"The pupil joined the roll on {in_words(joined)}: they cannot leave before that."
            )
        return left
