from django import forms

from sen_register.core.dates import in_words

from .days import day_problem
from .models import CensusSnapshot

MIS_FILE_MAX_BYTES = 5 * 1024 * 1024


class InRangeDay(forms.DateField):
    def validate(self, value):
        super().validate(value)
        problem = value and day_problem(value)
        if problem:
            raise forms.ValidationError(problem)


class CensusDayForm(forms.Form):
    date = InRangeDay(
        label="Census day",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Any date: past census days are recomputed from the records as they stood.",
    )


class FreezeForm(forms.Form):
    date = InRangeDay(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="I have checked the findings: keep this census as it stands now",
        error_messages={"required": "Tick the box to confirm: a frozen census cannot be changed."},
    )


class MISUploadForm(forms.Form):
    date = InRangeDay(
        label="Census day", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    file = forms.FileField(
        label="CSV exported from the MIS",
        help_text="A header row of upn,sen_provision, and sen_type_1,sen_type_2 to compare need "
        "types too. Nothing is changed by comparing.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MIS_FILE_MAX_BYTES:
            raise forms.ValidationError(
                "The file is larger than 5 MB; export only the two columns."
            )
        return upload


def _census_day_label(snapshot):
    return f"{in_words(snapshot.census_date)}"


class CompareSnapshotsForm(forms.Form):
    earlier = forms.ModelChoiceField(queryset=CensusSnapshot.objects.none(), label="Earlier census")
    later = forms.ModelChoiceField(queryset=CensusSnapshot.objects.none(), label="Later census")

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        snapshots = CensusSnapshot.objects.filter(school=school)
        for name in ("earlier", "later"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = snapshots
            field.label_from_instance = _census_day_label  # type: ignore[method-assign]

    def clean(self):
        cleaned = super().clean() or {}
        earlier, later = cleaned.get("earlier"), cleaned.get("later")
        if earlier and later and earlier.census_date >= later.census_date:
            raise forms.ValidationError("Choose an earlier census first, then a later one.")
        return cleaned
