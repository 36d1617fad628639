"""The SENCO's forms for an EHC plan's statutory work. Dates of things done may not be in the
future; each form says what is wrong and saves nothing."""

from django import forms
from django.utils import timezone

from pupils.models import EHCPlan

from .forms import date_inputs
from .models import (
    AssessDecision,
    EHCAnnualReview,
    NeedsAssessmentRequest,
    RequestOutcome,
)

DONE_DATES = {
    "invitations_sent_on",
    "advice_requested_on",
    "advice_received_on",
    "papers_sent_on",
    "report_sent_on",
    "requested_on",
    "decision_on",
    "outcome_on",
}


class _DatedForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_inputs(self, *(n for n, f in self.fields.items() if isinstance(f, forms.DateField)))

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for name in DONE_DATES & set(self.fields):
            value = cleaned.get(name)
            if value and value > today:
                self.add_error(
                    name, "This records something done: the date cannot be in the future."
                )
        return cleaned


class AnnualReviewForm(_DatedForm):
    class Meta:
        model = EHCAnnualReview
        fields = [
            "meeting_on",
            "invitations_sent_on",
            "advice_requested_on",
            "advice_received_on",
            "papers_sent_on",
            "attended_by",
            "child_views",
            "parent_views",
            "recommendation",
            "report_sent_on",
        ]
        widgets = {
            "child_views": forms.Textarea(attrs={"rows": 3}),
            "parent_views": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "meeting_on": "Plan the review from this date: each step's due date follows from it.",
            "recommendation": "Once the meeting is held: it then counts as the plan's last review.",
        }

    def __init__(self, *args, ehc_plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.ehc_plan = ehc_plan

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting_on")
        if meeting and meeting < self.ehc_plan.issued_on:
            self.add_error("meeting_on", "The review cannot be before the plan was issued.")
        if cleaned.get("recommendation") and meeting and meeting > timezone.localdate():
            self.add_error(
                "recommendation", "A recommendation is recorded once the meeting has been held."
            )
        report = cleaned.get("report_sent_on")
        if report and meeting and report < meeting:
            self.add_error("report_sent_on", "The report is sent after the meeting.")
        return cleaned


class NeedsAssessmentRequestForm(_DatedForm):
    class Meta:
        model = NeedsAssessmentRequest
        fields = [
            "requested_on",
            "requested_by",
            "local_authority",
            "decision_on",
            "decision",
            "outcome_on",
            "outcome",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "requested_on": "Leave empty while the request is being prepared.",
            "outcome_on": "The date of the final plan, or of the decision not to issue one.",
        }

    def clean(self):
        cleaned = super().clean()
        sent, decided = cleaned.get("requested_on"), cleaned.get("decision_on")
        decision, outcome = cleaned.get("decision"), cleaned.get("outcome")
        if (decided or decision) and not sent:
            self.add_error("requested_on", "Give the date the request was sent first.")
        if decided and sent and decided < sent:
            self.add_error("decision_on", "The decision cannot be before the request was sent.")
        if bool(decided) != bool(decision):
            self.add_error("decision", "Give both the local authority's decision and its date.")
        if bool(outcome) != bool(cleaned.get("outcome_on")):
            self.add_error("outcome", "Give both the final decision and its date.")
        if outcome and decision != AssessDecision.ASSESS:
            self.add_error("outcome", "A final decision follows a decision to assess.")
        if (
            outcome == RequestOutcome.ISSUED
            and self.instance.ehc_plan_id is None
            and cleaned.get("outcome_on")
            and EHCPlan.objects.filter(pupil=self.instance.pupil)
            .in_force_on(cleaned["outcome_on"])
            .exists()
        ):
            self.add_error("outcome", "The pupil already has an EHC plan in force on that date.")
        return cleaned
