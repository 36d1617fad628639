"""The forms of the staff and teaching-group pages."""

from django import forms

from sen_register.core import access
from sen_register.core.models import Role

from .forms import SpreadsheetField
from .models import ClassGroup, GroupKind, NCYear, Pupil

ROLE_CHOICES = [(role, Role(role).label) for role in access.SCHOOL_STAFF_ROLES]
ROLE_HINTS = {
    Role.SENCO: "keeps the SEN register",
    Role.TEACHER: "sees the pupils of the groups they teach",
    Role.ASSISTANT: "sees the pupils of the groups they support; never edits the register",
    Role.HEAD: "sees the whole school; the census",
}


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        choices = [(role, f"{label} ({ROLE_HINTS[role]})") for role, label in ROLE_CHOICES]
        super().__init__(choices=choices, label="Roles", **kwargs)


class InviteStaffForm(forms.Form):
    email = forms.EmailField(label="Work email address")
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    roles = RolesField(error_messages={"required": "Choose at least one role."})


class GroupsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, group):
        return f"{group.name} ({group.get_kind_display().lower()})"


class StaffMemberForm(forms.Form):
    roles = RolesField(
        error_messages={
            "required": "Choose at least one role. To end every role, remove them instead."
        }
    )
    groups = GroupsField(
        queryset=ClassGroup.objects.none(),
        required=False,
        label="Teaching groups",
        help_text="The groups they teach or support. Only teachers and teaching assistants "
        "see pupils through their groups.",
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = ClassGroup.objects.filter(school=school).order_by(
            "kind", "name"
        )


class GroupForm(forms.ModelForm):
    class Meta:
        model = ClassGroup
        fields = ["name", "kind"]
        labels = {"kind": "Kind of group"}
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["kind"].choices = GroupKind.choices

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = ClassGroup.objects.filter(school=self.school, name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"The school already has a group called {name}.")
        return name

    def save(self, commit=True):
        self.instance.school = self.school
        return super().save(commit)


class PupilsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, pupil):
        return f"{pupil.display_name} ({pupil.get_nc_year_display()})"


class GroupMembersForm(forms.Form):
    """Pupils added to a group (from one year at a time) or taken out of it."""

    add = PupilsField(queryset=Pupil.objects.none(), required=False, label="Add pupils")
    remove = PupilsField(
        queryset=Pupil.objects.none(), required=False, label="Take out of the group"
    )

    def __init__(self, *args, group, year, today, **kwargs):
        super().__init__(*args, **kwargs)
        members = group.members.all()
        self.fields["remove"].queryset = members
        self.fields["add"].queryset = (
            Pupil.objects.at(group.school)
            .on_roll(on=today)
            .filter(nc_year=year)
            .exclude(pk__in=members.values("pk"))
            if year
            else Pupil.objects.none()
        )
        self.fields["add"].label = f"Add pupils from {NCYear(year).label}" if year else ""

    def clean(self):
        data = super().clean()
        if not data.get("add") and not data.get("remove"):
            raise forms.ValidationError("Choose pupils to add or to take out of the group.")
        return data


class GroupsFileForm(forms.Form):
    file = SpreadsheetField(
        label="Groups file (CSV or Excel)",
        help_text="Columns group, upn and staff_email, or your MIS class list's own headings.",
    )
    replace = forms.BooleanField(
        label="Each group in the file holds exactly what the file lists (pupils and staff "
        "not listed are taken out of it)",
        required=False,
    )
