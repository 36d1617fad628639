"""Moderation across an authority's schools: a round of cases drawn from several schools on a
census day, each case a pupil's grid, reasons, decision, need types and code with no name,
UPN or date of birth, under a sample id; moderators' judgements of each case, appended.

A case copies what the moderators see when it is drawn, so it reads the same while the
round runs, whatever is recorded after. Only the pupil's school can turn the sample id back
into the pupil (`pupil`, never shown outside the school); when the pupil is erased the link
goes and the case stays."""

from django.conf import settings
from django.db import models

from pupils.models import Pupil
from sen_register.core.models import Framework, School

from .frameworks import rules_named


class ModerationRound(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    census_date = models.DateField("census day")
    schools = models.ManyToManyField(School, related_name="moderation_rounds")
    drawn_at = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_by_name = models.CharField(max_length=254)
    seed = models.PositiveIntegerField(help_text="Draws the same sample again from the same data.")

    class Meta:
        ordering = ["-drawn_at", "-id"]

    def __str__(self):
        return f"Moderation round {self.pk}"

    @property
    def uses_level_two_criteria(self):
        """Whether the framework's rules take level-2 reasons (else cases show none)."""
        return rules_named(self.framework.rules).USES_LEVEL_TWO_CRITERIA


class ModerationCase(models.Model):
    round = models.ForeignKey(ModerationRound, on_delete=models.CASCADE, related_name="cases")
    sample_id = models.CharField(max_length=20)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    # For the school's SENCO only; no page or file an officer sees reads it.
    pupil = models.ForeignKey(Pupil, null=True, on_delete=models.SET_NULL, related_name="+")
    # What the moderators see, copied when drawn.
    code = models.CharField(max_length=1)
    grid_code = models.CharField(max_length=1)
    grid_basis = models.CharField(max_length=300)
    highest_level = models.PositiveSmallIntegerField(null=True)
    levels = models.JSONField(default=list, help_text="[strand name, level], in grid order")
    criteria = models.JSONField(default=list, help_text="Level-2 reasons holding, in words")
    decision_code = models.CharField(max_length=1, blank=True)  # never the decision's words
    sen_type_1 = models.CharField(max_length=4, blank=True)
    sen_type_2 = models.CharField(max_length=4, blank=True)
    support_plan = models.BooleanField()

    class Meta:
        ordering = ["round", "sample_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "sample_id"], name="one_sample_id_a_round")
        ]

    def __str__(self):
        return self.sample_id

    @property
    def judgement(self):
        """The latest judgement (judgements are appended; the latest stands)."""
        judgements = list(self.judgements.all())
        return judgements[-1] if judgements else None


class ModerationJudgement(models.Model):
    case = models.ForeignKey(ModerationCase, on_delete=models.CASCADE, related_name="judgements")
    agrees = models.BooleanField()
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderator_name = models.CharField(max_length=254)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.case}: {'agrees' if self.agrees else 'disagrees'}"
