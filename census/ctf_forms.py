"""The forms of the CTF pages: pupils leaving (choose them, and where they go) and pupils
joining (the file, and the day they join)."""

from django import forms
from django.core.validators import RegexValidator

from pupils.models import Pupil

CTF_MAX_BYTES = 10 * 1024 * 1024


def _pupil_label(pupil):
    left = f", left {pupil.left_on:%d/%m/%Y}" if pupil.left_on else ""
    return (
        f"{pupil.legal_surname}, {pupil.legal_forename} ({pupil.upn}, year {pupil.nc_year}{left})"
    )


class LeavingForm(forms.Form):
    pupils = forms.ModelMultipleChoiceField(
        queryset=Pupil.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Pupils leaving",
        error_messages={"required": "Choose at least one pupil to write the file for."},
    )
    to = forms.CharField(
        label="LAESTAB of the school they join (optional)",
        required=False,
        max_length=7,
        validators=[RegexValidator(r"^\d{7}$", "A LAESTAB is seven digits, such as 3734002.")],
        help_text="Leave it blank if the new school is not known: the file goes to the DfE's "
        "lost pupils database.",
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["pupils"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Pupil.objects.filter(school=school).order_by(
            "legal_surname", "legal_forename", "upn"
        )
        field.label_from_instance = _pupil_label  # type: ignore[method-assign]


class JoiningForm(forms.Form):
    file = forms.FileField(
        label="Common Transfer File (.xml)",
        help_text="The CTF from the pupils' previous school, or the one your MIS received.",
    )
    joined_on = forms.DateField(
        label="Day new pupils join",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Pupils already on the register keep their own dates.",
    )
    check_only = forms.BooleanField(label="Only check the file: add nothing yet", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CTF_MAX_BYTES:
            raise forms.ValidationError(
                "The file is larger than 10 MB; a CTF of SEN history is "
                "far smaller. Check it is the right file."
            )
        return upload
