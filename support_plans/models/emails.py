"""The emails the register sends on its own (reminders): each kept, so that none is sent twice
however often the command runs, and so that those about a pupil are listed on their record."""

from django.db import models

from pupils.models import Pupil
from sen_register.core.models import School


class EmailKind(models.TextChoices):
    SENCO_DIGEST = "digest", "The SENCO's daily list of what is due"
    PARENT_VIEWS = "views", "Asking parents for their views before a review"


class SentEmail(models.Model):
    # What makes it this email and no other (kind, whom, what for, which date): unique, so
    # a second run finds it sent.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=EmailKind)
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(
        Pupil, null=True, blank=True, on_delete=models.CASCADE, related_name="emails_sent"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.subject} to {self.to}"
