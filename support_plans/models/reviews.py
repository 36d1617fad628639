"""Reviews close a cycle of the graduated approach: progress on each outcome rated against what
was expected, the impact of each provision, and a decision; teachers' dated notes record the
"do" phase against an outcome."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sen_register.core.dates import in_words

from .plans import Outcome, Provision, SupportPlan


class ReviewDecision(models.TextChoices):
    CONTINUE = "continue", "Continue the plan"
    AMEND = "amend", "Amend the plan"
    NEW_PLAN = "new_plan", "Write a new plan"
    SPECIALIST = "specialist", "Involve a specialist"
    EHC_REQUEST = "ehc_request", "Request an EHC needs assessment"
    REMOVE = "remove", "Remove from the SEN register (needs met)"


class Review(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField("Held on")
    attended_by = models.CharField("Who attended", max_length=300)
    parent_attended = models.BooleanField("A parent or carer attended", default=False)
    pupil_views_gathered = models.BooleanField("The pupil's views were gathered", default=False)
    parent_views_gathered = models.BooleanField("The parents' views were gathered", default=False)
    pupil_views = models.TextField("The pupil's views", blank=True)
    parent_views = models.TextField("The parents' views", blank=True)
    summary = models.TextField("What was agreed", blank=True)
    decision = models.CharField(max_length=12, choices=ReviewDecision)
    next_review_on = models.DateField("Next review", null=True, blank=True)
    shared_with_parents = models.BooleanField("Share this review with parents", default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"Review of {in_words(self.held_on)}"


class ProgressScale(models.TextChoices):
    """How a rating was meant when it was given: reviews before the scale against what was
    expected keep the words they were given with."""

    AGAINST_EXPECTED = "expected", "Against what was expected"
    CHANGE = "change", "Change since the plan began (earlier reviews)"


# Goal-attainment style: a met outcome is "as expected" (0), not progress (+1).
PROGRESS_WORDS = {
    ProgressScale.AGAINST_EXPECTED: {
        -2: "much less than expected",
        -1: "less than expected",
        0: "as expected",
        1: "more than expected",
        2: "much more than expected",
    },
    ProgressScale.CHANGE: {
        -2: "much worse",
        -1: "a little worse",
        0: "no change",
        1: "progress",
        2: "exceeded the outcome",
    },
}
# The staff's choices: the number beside its words. Parents only ever read the words.
SIGNED = {-2: "−2", -1: "−1", 0: "0", 1: "+1", 2: "+2"}
PROGRESS_CHOICES = [
    (n, f"{SIGNED[n]}: {words}")
    for n, words in PROGRESS_WORDS[ProgressScale.AGAINST_EXPECTED].items()
]


class OutcomeProgress(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="progress")
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="progress")
    rating = models.SmallIntegerField(
        choices=PROGRESS_CHOICES, validators=[MinValueValidator(-2), MaxValueValidator(2)]
    )
    comment = models.TextField(blank=True)
    scale = models.CharField(
        max_length=8, choices=ProgressScale, default=ProgressScale.AGAINST_EXPECTED
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "outcome"], name="one_rating_per_outcome"),
            models.CheckConstraint(
                condition=Q(rating__gte=-2) & Q(rating__lte=2), name="progress_minus_two_to_two"
            ),
        ]

    def __str__(self):
        return f"{self.outcome}: {self.words}"

    @property
    def words(self):
        """The rating in words, as it was meant when given ("as expected")."""
        return PROGRESS_WORDS[ProgressScale(self.scale)][self.rating]

    @property
    def rating_with_words(self):
        """For staff: "+1: more than expected", saying so when an earlier scale was used."""
        earlier = " (rated by change, before ratings against what was expected)"
        return f"{SIGNED[self.rating]}: {self.words}" + (
            earlier if self.scale == ProgressScale.CHANGE else ""
        )


class Impact(models.TextChoices):
    NONE = "none", "No impact"
    SOME = "some", "Some impact"
    GOOD = "good", "Good impact"
    NOT_DELIVERED = "not_delivered", "Not delivered as planned"


class ProvisionImpact(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="impacts")
    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="impacts")
    impact = models.CharField(max_length=14, choices=Impact)
    comment = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "provision"], name="one_impact_per_provision")
        ]

    def __str__(self):
        return f"{self.provision}: {self.get_impact_display()}"


class ReviewNote(models.Model):
    """A teacher's dated note on how the pupil is getting on with an outcome ("do" phase)."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-written_on", "-id"]

    def __str__(self):
        return f"Note of {in_words(self.written_on)}"
