"""Around the plan: specialists' involvement and advice, contact with parents, and the views
parents send before a review."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from pupils.models import Pupil
from sen_register.core.dates import in_words

from .plans import SupportPlan


class Service(models.TextChoices):
    EDUCATIONAL_PSYCHOLOGY = "ep", "Educational psychology"
    SPEECH_LANGUAGE = "salt", "Speech and language therapy"
    OCCUPATIONAL_THERAPY = "ot", "Occupational therapy"
    PHYSIOTHERAPY = "physio", "Physiotherapy"
    CAMHS = "camhs", "CAMHS"
    HEARING = "hearing", "Hearing impairment team"
    VISION = "vision", "Vision impairment team"
    AUTISM = "autism", "Autism team"
    OTHER = "other", "Other"


class SpecialistInvolvementQuerySet(models.QuerySet):
    def shared_with_parents(self, *, by):
        """The advice shared with the pupil's parents on or before `by` (Code 6.59)."""
        return self.filter(shared_with_parents_on__lte=by, involved_on__isnull=False)


class SpecialistInvolvement(models.Model):
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="specialists")
    service = models.CharField(max_length=10, choices=Service)
    # Asked for at a review ("involve a specialist"): pending until the advice is recorded.
    requested_on = models.DateField("Asked for on", null=True, blank=True)
    involved_on = models.DateField("Date", null=True, blank=True)
    advice = models.TextField("Advice given", blank=True)
    shared_with_parents_on = models.DateField("Shared with parents on", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SpecialistInvolvementQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-involved_on", "-id"]

    def __str__(self):
        if self.is_pending:
            return f"{self.get_service_display()}, asked for on {in_words(self.requested_on)}"
        return f"{self.get_service_display()} on {in_words(self.involved_on)}"

    @property
    def is_pending(self):
        """Asked for, and no advice recorded yet."""
        return self.involved_on is None


class ContactKind(models.TextChoices):
    FORMAL_NOTIFICATION = "notification", "Formal notification of SEN provision (6.48)"
    MEETING = "meeting", "Meeting with parents (6.65)"
    EARLY_DISCUSSION = "early_note", "Note of the early discussion given to parents (6.39)"


class ParentContact(models.Model):
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="parent_contacts")
    kind = models.CharField(max_length=12, choices=ContactKind)
    held_on = models.DateField("Date")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} on {in_words(self.held_on)}"


class ParentViews(models.Model):
    """What a parent (and, if they helped write it, the child) wants said before a review."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="views_sent")
    plan = models.ForeignKey(
        SupportPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="views_sent"
    )
    parent_views = models.TextField("Your views")
    child_views = models.TextField("Your child's views (if they helped write them)", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name_plural = "parent views"

    def __str__(self):
        return f"Views from {self.submitted_by} on {in_words(self.submitted_at)}"
