"""The SENCO's forms for a pupil's SEN record. Each says exactly what is wrong and saves
nothing when the input is bad; saving goes through pupils.services."""

from django import forms
from django.utils import timezone

from sen_register.core.dates import in_words

from .models import (
    EHCPlan,
    LevelTwoCriterion,
    LevelTwoCriterionKind,
    NeedType,
    Relationship,
    SencoDecision,
    Strand,
)

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def _not_future(value, what):
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"{what} cannot be in the future.")
    return value


class PupilRecordForm(forms.Form):
    """A form about one pupil; dates may not be in the future or before the pupil was born."""

    def __init__(self, *args, pupil, **kwargs):
        self.pupil = pupil
        super().__init__(*args, **kwargs)

    def check_date(self, name, what):
        value = _not_future(self.cleaned_data.get(name), what)
        if value and value < self.pupil.date_of_birth:
            raise forms.ValidationError(f"{what} cannot be before the pupil's date of birth.")
        return value

    def check_end(self, name, *, started, since):
        """The date something stops holding: not in the future, not before it started."""
        value = self.check_date(name, "The date")
        if value and value < started:
            raise forms.ValidationError(f"The date cannot be before {since} ({in_words(started)}).")
        return value


class GridAssessmentForm(PupilRecordForm):
    """One assessment date for any number of strands: a row of level choices per strand, with
    what each level means on that strand one click away (and read out with each choice)."""

    assessed_on = forms.DateField(label="Date of the assessment", **DATE_WIDGET)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the assessment drew on: observations, tests, advice, parents' views.",
    )

    seen_up_to = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, descriptors, meanings, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = timezone.localdate()
        # The newest assessment when the form was opened: a newer one at saving means someone
        # else recorded levels meanwhile.
        self.fields["seen_up_to"].initial = max((a.pk for a in current.values()), default=0)
        self.strands = list(Strand.objects.of(self.pupil.school).select_related("area"))
        self.meanings = {
            strand.pk: [
                (d.level, d.title, meanings.get((strand.pk, d.level), d.descriptor))
                for d in descriptors.values()
            ]
            for strand in self.strands
        }
        for strand in self.strands:
            now = current.get(strand.pk)
            self.fields[self.field_name(strand)] = forms.TypedChoiceField(
                label=strand.name,
                required=False,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                choices=[("", "No change")]
                + [(d.level, str(d.level)) for d in descriptors.values()],
                initial="",
                help_text=(
                    f"Now level {now.level} ({descriptors[now.level].title.lower()}), "
                    f"assessed {in_words(now.assessed_on)}"
                    if now
                    else "Not yet assessed"
                ),
            )

    @staticmethod
    def field_name(strand):
        return f"strand_{strand.slug}"

    def strand_fields(self):
        """(strand, its field, [(level, title, meaning on this strand)]) for each strand."""
        return [
            (strand, self[self.field_name(strand)], self.meanings[strand.pk])
            for strand in self.strands
        ]

    def clean_assessed_on(self):
        return self.check_date("assessed_on", "The assessment date")

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.levels():
            raise forms.ValidationError("Choose a level for at least one strand.")
        return cleaned

    def levels(self):
        """Strand -> level for every strand given a level."""
        return {
            strand: self.cleaned_data.get(self.field_name(strand))
            for strand in self.strands
            if self.cleaned_data.get(self.field_name(strand))
        }


class LevelTwoCriterionForm(PupilRecordForm):
    criterion = forms.ChoiceField(
        label="Reason from the Sheffield guidance", choices=LevelTwoCriterionKind.choices
    )
    recorded_on = forms.DateField(label="Holds from", **DATE_WIDGET)
    note = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 3}), help_text="The evidence for it."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recorded_on"].initial = timezone.localdate()

    def clean_recorded_on(self):
        return self.check_date("recorded_on", "The date")

    def clean(self):
        cleaned = super().clean()
        criterion, on = cleaned.get("criterion"), cleaned.get("recorded_on")
        if criterion and on:
            holding = LevelTwoCriterion.objects.filter(pupil=self.pupil, criterion=criterion)
            if (
                holding.in_force_on(on).exists()
                or holding.filter(recorded_on__gt=on, withdrawn_on__isnull=True).exists()
            ):
                raise forms.ValidationError(
                    "This reason is already recorded for the pupil and not withdrawn."
                )
        return cleaned


class SencoDecisionForm(PupilRecordForm):
    code = forms.ChoiceField(
        label="Decision",
        choices=SencoDecision.Code.choices,
        widget=forms.RadioSelect,
        help_text="It replaces what the grid gives until you withdraw it. It never changes E.",
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown with the code at every census, so that it is looked at again.",
    )
    decided_on = forms.DateField(label="Takes effect on", **DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Give the reason for the decision.")
        return reason

    def clean_decided_on(self):
        return self.check_date("decided_on", "The date")


class WithdrawForm(PupilRecordForm):
    """Withdraw a criterion or decision from a date: it stays in the history."""

    withdrawn_on = forms.DateField(label="No longer holds from", **DATE_WIDGET)
    note = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, record, start_field, **kwargs):
        self.record, self.start_field = record, start_field
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate()

    def clean_withdrawn_on(self):
        started = getattr(self.record, self.start_field)
        return self.check_end("withdrawn_on", started=started, since="it was recorded")

    def clean(self):
        cleaned = super().clean()
        if self.record.withdrawn_on is not None:
            raise forms.ValidationError(
                f"This was already withdrawn on {in_words(self.record.withdrawn_on)}."
            )
        return cleaned


class NeedsForm(PupilRecordForm):
    need_type_1 = forms.ChoiceField(
        label="Primary need (rank 1)",
        choices=[("", "None")] + NeedType.choices,
        required=False,
    )
    need_type_2 = forms.ChoiceField(
        label="Secondary need (rank 2)",
        choices=[("", "None")] + NeedType.choices,
        required=False,
    )
    recorded_on = forms.DateField(label="From", **DATE_WIDGET)

    def __init__(self, *args, current_code, **kwargs):
        self.current_code = current_code
        super().__init__(*args, **kwargs)
        self.fields["recorded_on"].initial = timezone.localdate()

    def clean_recorded_on(self):
        return self.check_date("recorded_on", "The date")

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("need_type_1"), cleaned.get("need_type_2")
        if second and not first:
            self.add_error("need_type_1", "Choose the primary need before a secondary one.")
        if first and first == second:
            self.add_error("need_type_2", "The secondary need must differ from the primary need.")
        if "NSA" in (first, second) and self.current_code != "K":
            field = "need_type_1" if first == "NSA" else "need_type_2"
            self.add_error(
                field,
                "NSA (no specialist assessment) is only for pupils at SEN support (K); "
                f"this pupil's code today is {self.current_code}.",
            )
        return cleaned


class EHCPlanForm(PupilRecordForm):
    issued_on = forms.DateField(label="Issued on", **DATE_WIDGET)
    local_authority = forms.CharField(label="Issued by (local authority)", max_length=100)
    last_annual_review_on = forms.DateField(
        label="Last annual review (if any)", required=False, **DATE_WIDGET
    )

    def clean_issued_on(self):
        issued = self.check_date("issued_on", "The issue date")
        if issued and EHCPlan.objects.filter(pupil=self.pupil).in_force_on(issued).exists():
            raise forms.ValidationError(
                "The pupil already has an EHC plan active on that date; record its ceasing first."
            )
        return issued

    def clean_last_annual_review_on(self):
        return self.check_date("last_annual_review_on", "The review date")

    def clean(self):
        cleaned = super().clean()
        issued, reviewed = cleaned.get("issued_on"), cleaned.get("last_annual_review_on")
        if issued and reviewed and reviewed < issued:
            self.add_error(
                "last_annual_review_on", "The review cannot be before the plan was issued."
            )
        return cleaned


class CeaseEHCPlanForm(PupilRecordForm):
    ceased_on = forms.DateField(label="Ceased on", **DATE_WIDGET)
    note = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)
        self.fields["ceased_on"].initial = timezone.localdate()

    def clean_ceased_on(self):
        return self.check_end("ceased_on", started=self.plan.issued_on, since="the plan was issued")

    def clean(self):
        cleaned = super().clean()
        if self.plan.ceased_on is not None:
            raise forms.ValidationError(
                f"This plan already ceased on {in_words(self.plan.ceased_on)}."
            )
        return cleaned


class InviteParentForm(forms.Form):
    email = forms.EmailField(label="Parent's or carer's email address")
    relationship = forms.ChoiceField(
        label="Relationship to the pupil", choices=Relationship.choices
    )


IMPORT_MAX_BYTES = 10 * 1024 * 1024


SPREADSHEET_TYPES = (
    ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)


class SpreadsheetField(forms.FileField):
    """A file a school sends us (pupils.register_file, pupils.groups_file): CSV or .xlsx,
    offered as such by the browser's file picker, 10 MB at most."""

    widget = forms.ClearableFileInput(attrs={"accept": SPREADSHEET_TYPES})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError("The file is larger than 10 MB.")
        return upload


class RegisterImportForm(forms.Form):
    file = SpreadsheetField(
        label="Register file (CSV or Excel)",
        help_text="A CSV saved as UTF-8, or an Excel workbook (.xlsx: its first sheet), with "
        "a header row; the columns are listed below.",
    )
    dry_run = forms.BooleanField(
        label="Check the file only; write nothing", required=False, initial=True
    )
