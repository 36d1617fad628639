"""The EHC plan's statutory work around the plan itself (pupils.EHCPlan): requests for an EHC
needs assessment, with the local authority's 6- and 20-week clock, and annual reviews, each
step with its due date (pupils.ehc_clock)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from pupils import ehc_clock
from pupils.models import EHCPlan, Pupil
from sen_register.core.dates import in_words

from .reviews import Review


class RequestedBy(models.TextChoices):
    SCHOOL = "school", "The school"
    PARENT = "parent", "The parents"
    YOUNG_PERSON = "young_person", "The young person"
    OTHER = "other", "Someone else (a health or care professional)"


class AssessDecision(models.TextChoices):
    ASSESS = "assess", "To assess"
    NOT_ASSESS = "not_assess", "Not to assess"


class RequestOutcome(models.TextChoices):
    ISSUED = "issued", "A final EHC plan was issued"
    NOT_ISSUED = "not_issued", "The local authority decided not to issue a plan"


class NeedsAssessmentRequest(models.Model):
    """A request to the local authority for an EHC needs assessment, from being prepared to
    the final plan (or a decision not to assess or not to issue one)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="ehc_requests")
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_on = models.DateField("Sent to the local authority on", null=True, blank=True)
    requested_by = models.CharField(
        "Who asked", max_length=12, choices=RequestedBy, default=RequestedBy.SCHOOL
    )
    local_authority = models.CharField(max_length=100, blank=True)
    decision_on = models.DateField("The local authority decided on", null=True, blank=True)
    decision = models.CharField("Their decision", max_length=12, choices=AssessDecision, blank=True)
    outcome_on = models.DateField("Final decision on", null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=RequestOutcome, blank=True)
    ehc_plan = models.ForeignKey(
        EHCPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision_on__isnull=True)
                | Q(decision_on__gte=models.F("requested_on")),
                name="ehc_request_decided_after_sent",
            )
        ]

    def __str__(self):
        if self.requested_on is None:
            return "EHC needs assessment request (being prepared)"
        return f"EHC needs assessment request of {in_words(self.requested_on)}"

    @property
    def is_open(self):
        return not self.outcome and self.decision != AssessDecision.NOT_ASSESS

    @property
    def decision_due(self):
        return ehc_clock.decision_due(self.requested_on) if self.requested_on else None

    @property
    def final_plan_due(self):
        return ehc_clock.final_plan_due(self.requested_on) if self.requested_on else None

    def waiting_on(self):
        """Who the request waits on, and for what, in words; "" once it is settled."""
        if not self.is_open:
            return ""
        if self.requested_on is None:
            return "the school: to send the request with its evidence"
        if not self.decision:
            return (
                "the local authority: its decision whether to assess, due by "
                f"{in_words(self.decision_due)}"
            )
        return f"the local authority: the final plan, due by {in_words(self.final_plan_due)}"


class Recommendation(models.TextChoices):
    MAINTAIN = "maintain", "Keep the plan as it is"
    AMEND = "amend", "Amend the plan"
    CEASE = "cease", "Cease the plan"


class EHCAnnualReview(models.Model):
    """One annual review of an EHC plan (Code 9.166-9.185): planned from its meeting date,
    each step recorded as it is done, each with its due date."""

    ehc_plan = models.ForeignKey(EHCPlan, on_delete=models.CASCADE, related_name="annual_reviews")
    meeting_on = models.DateField("Meeting date")
    invitations_sent_on = models.DateField("Invitations sent on", null=True, blank=True)
    advice_requested_on = models.DateField("Advice asked for on", null=True, blank=True)
    advice_received_on = models.DateField("Advice received on", null=True, blank=True)
    papers_sent_on = models.DateField("Papers sent out on", null=True, blank=True)
    attended_by = models.CharField("Who attended", max_length=300, blank=True)
    child_views = models.TextField("The child's or young person's views", blank=True)
    parent_views = models.TextField("The parents' views", blank=True)
    recommendation = models.CharField(max_length=10, choices=Recommendation, blank=True)
    report_sent_on = models.DateField(
        "Report sent to the local authority on", null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting_on", "-id"]
        verbose_name = "EHC annual review"

    def __str__(self):
        return f"Annual review of {in_words(self.meeting_on)}"

    @property
    def report_due(self):
        return ehc_clock.report_due(self.meeting_on)

    @property
    def is_held(self):
        """The meeting took place and made its recommendation."""
        return bool(self.recommendation)

    def steps(self):
        """(step, due by, done on) in order, for the review's page and the calendar."""
        meeting = self.meeting_on
        return [
            ("Send the invitations", ehc_clock.invitations_due(meeting), self.invitations_sent_on),
            ("Ask for advice", ehc_clock.invitations_due(meeting), self.advice_requested_on),
            ("Send out the papers", ehc_clock.papers_due(meeting), self.papers_sent_on),
            ("Hold the meeting", meeting, meeting if self.is_held else None),
            (
                "Send the report to the local authority",
                ehc_clock.report_due(meeting),
                self.report_sent_on,
            ),
        ]
