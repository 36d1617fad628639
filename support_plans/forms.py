"""Forms for plans, outcomes, provision, reviews, teachers' notes, specialists and parent
contact. Each says exactly what is wrong and saves nothing when the input is bad."""

from django import forms
from django.utils import timezone

from pupils.forms import DATE_WIDGET
from sen_register.core.dates import in_words

from . import catalogue
from .models import (
    PROGRESS_CHOICES,
    Impact,
    Outcome,
    ParentContact,
    ParentViews,
    PlanKind,
    Provision,
    Review,
    Service,
    SpecialistInvolvement,
    SupportPlan,
)
from .services import PLAN_TEXT


def date_inputs(form, *names):
    """Draw the named fields as the browser's date input, reading and writing ISO dates."""
    for name in names:
        form.fields[name].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def not_future(value, what="The date"):
    """A date of something that has happened: refused if it is after today."""
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"{what} cannot be in the future.")
    return value


class NewPlanForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of plan",
        choices=PlanKind.choices,
        initial=PlanKind.SEN_SUPPORT,
        widget=forms.RadioSelect,
        help_text="An extended support plan (MyPlan) is usual from level 3 upwards.",
    )


class RevisionedForm(forms.ModelForm):
    """Carries the revision of the record as it was when the form was opened."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision

    def opened_at_revision(self):
        value = self.cleaned_data.get("revision")
        return self.instance.revision if value is None else value


class PlanTextForm(RevisionedForm):
    class Meta:
        model = SupportPlan
        fields = [*PLAN_TEXT, "next_review_on"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in PLAN_TEXT}
        help_texts = {
            "strengths": "On the pupil passport, as are the next three.",
            "finds_hard": "In plain words, as the pupil would say it.",
            "helps_me": "Small things any adult can do in any lesson.",
            "talk_to_me": "How to start, explain, check and calm.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_inputs(self, "next_review_on")


class OutcomeForm(RevisionedForm):
    class Meta:
        model = Outcome
        fields = ["what_will_change", "how_measured", "baseline", "target_on"]
        widgets = {
            "what_will_change": forms.Textarea(attrs={"rows": 2}),
            "how_measured": forms.Textarea(attrs={"rows": 2}),
            "baseline": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "what_will_change": "Specific: what the pupil will be able to do.",
            "how_measured": "Measurable: the test, observation or count that will show it.",
            "target_on": "Time-bound: usually by the next review.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_inputs(self, "target_on")


class ProvisionForm(RevisionedForm):
    class Meta:
        model = Provision
        fields = [
            "what",
            "delivered_by",
            "group_size",
            "sessions_per_week",
            "minutes_per_session",
            "starts_on",
            "ends_on",
            "entry_measure",
            "exit_measure",
            "hourly_rate",
            "fixed_cost",
        ]
        help_texts = {
            "hourly_rate": "Staff time is shared by the group: each pupil's share is counted.",
            "fixed_cost": "Equipment or a bought-in service for this pupil, for a year.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_inputs(self, "starts_on", "ends_on")
        # The school's interventions are offered as the name is typed: chosen, not retyped.
        self.school = self.instance.plan.pupil.school
        self.catalogue = sorted(catalogue.names_at(self.school).values(), key=str.casefold)
        self.fields["what"].widget.attrs["list"] = "interventions"
        self.fields[
            "what"
        ].help_text = "Choose one of the school's interventions as you type, or name a new one."

    def clean_what(self):
        return catalogue.chosen_name(self.school, self.cleaned_data["what"])

    def clean(self):
        # A missing cost and an end before the start are the model's constraints, which the
        # form checks with their own messages.
        cleaned = super().clean()
        for name in ("hourly_rate", "fixed_cost"):
            value = cleaned.get(name)
            if value is not None and value < 0:
                self.add_error(name, "A cost cannot be negative.")
        return cleaned


class DatedChangeForm(forms.Form):
    """Confirm a change to a plan that takes effect on a date (making it active, closing it)."""

    def __init__(self, *args, date_field, date_label, confirm_label, not_future=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_field, self.not_future = date_field, not_future
        self.fields[date_field] = forms.DateField(
            label=date_label, initial=timezone.localdate(), **DATE_WIDGET
        )
        self.fields["confirm"] = forms.BooleanField(
            label=confirm_label, error_messages={"required": "Tick the box to confirm."}
        )

    def clean(self):
        cleaned = super().clean()
        if self.not_future and self.date_field in cleaned:
            try:
                not_future(cleaned[self.date_field])
            except forms.ValidationError as error:
                self.add_error(self.date_field, error)
        return cleaned

    @property
    def on(self):
        return self.cleaned_data[self.date_field]


class ReviewForm(forms.ModelForm):
    """The review, with a rating for every outcome and the impact of every provision."""

    class Meta:
        model = Review
        fields = [
            "held_on",
            "attended_by",
            "parent_attended",
            "pupil_views_gathered",
            "parent_views_gathered",
            "pupil_views",
            "parent_views",
            "summary",
            "decision",
            "next_review_on",
            "shared_with_parents",
        ]
        widgets = {
            "pupil_views": forms.Textarea(attrs={"rows": 2}),
            "parent_views": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    plan_revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    specialist_service = forms.ChoiceField(
        label="Which specialist service (when involving a specialist)",
        choices=[("", "Choose…"), *Service.choices],
        required=False,
        help_text="Their involvement is opened on the pupil's record, waiting for advice.",
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["plan_revision"].initial = plan.revision
        date_inputs(self, "held_on", "next_review_on")
        self.fields["held_on"].initial = timezone.localdate()
        self.outcomes = list(plan.outcomes.all())
        self.provisions = list(plan.provisions.all())
        for outcome in self.outcomes:
            self.fields[f"outcome_{outcome.pk}_rating"] = forms.TypedChoiceField(
                label="Progress",
                choices=[("", "Choose…")] + PROGRESS_CHOICES,
                coerce=int,
            )
            self.fields[f"outcome_{outcome.pk}_comment"] = forms.CharField(
                label="Comment", required=False
            )
        for provision in self.provisions:
            self.fields[f"provision_{provision.pk}_impact"] = forms.ChoiceField(
                label="Impact", choices=[("", "Choose…")] + Impact.choices
            )
            self.fields[f"provision_{provision.pk}_comment"] = forms.CharField(
                label="Comment", required=False
            )

    def outcome_fields(self):
        return [
            (o, self[f"outcome_{o.pk}_rating"], self[f"outcome_{o.pk}_comment"])
            for o in self.outcomes
        ]

    def provision_fields(self):
        return [
            (p, self[f"provision_{p.pk}_impact"], self[f"provision_{p.pk}_comment"])
            for p in self.provisions
        ]

    def clean_held_on(self):
        held = not_future(self.cleaned_data["held_on"], "The review date")
        if held and self.plan.starts_on and held < self.plan.starts_on:
            raise forms.ValidationError(
                f"The review cannot be before the plan started ({in_words(self.plan.starts_on)})."
            )
        return held

    def clean(self):
        cleaned = super().clean()
        held, following = cleaned.get("held_on"), cleaned.get("next_review_on")
        if held and following and following <= held:
            self.add_error("next_review_on", "The next review must be after this one.")
        if cleaned.get("decision") in ("continue", "amend") and not following:
            self.add_error("next_review_on", "Give the date of the next review.")
        if cleaned.get("decision") == "specialist" and not cleaned.get("specialist_service"):
            self.add_error("specialist_service", "Choose the specialist service to involve.")
        return cleaned

    def ratings(self):
        return {
            o: (
                self.cleaned_data[f"outcome_{o.pk}_rating"],
                self.cleaned_data[f"outcome_{o.pk}_comment"],
            )
            for o in self.outcomes
        }

    def impacts(self):
        return {
            p: (
                self.cleaned_data[f"provision_{p.pk}_impact"],
                self.cleaned_data[f"provision_{p.pk}_comment"],
            )
            for p in self.provisions
        }

    def details(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def opened_at_revision(self):
        value = self.cleaned_data.get("plan_revision")
        return self.plan.revision if value is None else value


class ReviewNoteForm(forms.Form):
    outcome = forms.ModelChoiceField(queryset=Outcome.objects.none(), label="Outcome")
    written_on = forms.DateField(label="Date", **DATE_WIDGET)
    text = forms.CharField(
        label="How the pupil is getting on", widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = plan.outcomes.all()
        self.fields["outcome"].label_from_instance = lambda o: o.what_will_change[:90]
        self.fields["written_on"].initial = timezone.localdate()

    def clean_written_on(self):
        return not_future(self.cleaned_data["written_on"])

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Write the note.")
        return text


class SpecialistForm(forms.ModelForm):
    """Specialist involvement with its advice; for one asked for at a review, the advice."""

    class Meta:
        model = SpecialistInvolvement
        fields = ["service", "involved_on", "advice", "shared_with_parents_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_inputs(self, "involved_on", "shared_with_parents_on")
        # Saved only with the advice: a pending involvement is opened by a review.
        self.fields["involved_on"].required = True
        self.fields["advice"].required = True

    def clean_involved_on(self):
        return not_future(self.cleaned_data["involved_on"])

    def clean(self):
        cleaned = super().clean()
        involved, shared = cleaned.get("involved_on"), cleaned.get("shared_with_parents_on")
        if involved and shared and shared < involved:
            self.add_error("shared_with_parents_on", "Advice cannot be shared before it was given.")
        return cleaned


class ParentContactForm(forms.ModelForm):
    class Meta:
        model = ParentContact
        fields = ["kind", "held_on", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_inputs(self, "held_on")
        self.fields["held_on"].initial = timezone.localdate()

    def clean_held_on(self):
        return not_future(self.cleaned_data["held_on"])


class ParentViewsForm(forms.ModelForm):
    class Meta:
        model = ParentViews
        fields = ["parent_views", "child_views"]
        widgets = {
            "parent_views": forms.Textarea(attrs={"rows": 6}),
            "child_views": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "parent_views": "What is going well, what worries you, and what you would like the "
            "review to talk about.",
            "child_views": "In your child's own words, if they would like to say something.",
        }

    def clean_parent_views(self):
        text = self.cleaned_data["parent_views"].strip()
        if not text:
            raise forms.ValidationError("Write your views before sending.")
        return text
