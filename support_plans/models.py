"""Support plans and the graduated approach: assess, plan, do, review (Code of Practice 6.44-6.56).

A pupil has at most one active plan. A new plan starts as a draft copied from the previous
one; activating it supersedes the old plan, which stays readable. Reviews close a cycle;
teachers' notes record the "do" phase against an outcome.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from pupils import dating
from pupils.changes import Record, RecordQuerySet
from pupils.models import Pupil
from sen_register.core.dates import in_words

# The school year has 39 teaching weeks: the weeks a weekly provision runs in a year.
TEACHING_WEEKS_A_YEAR = 39


class PlanKind(models.TextChoices):
    LEARNER_PROFILE = "learner_profile", "Learner profile (one page)"
    SEN_SUPPORT = "sen_support", "SEN support plan"
    EXTENDED = "extended", "Extended support plan (MyPlan)"


class PlanState(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"
    SUPERSEDED = "superseded", "Superseded"


class SupportPlanQuerySet(RecordQuerySet):
    def active(self):
        return self.filter(state=PlanState.ACTIVE)

    def due_for_review(self, *, on):
        return self.active().filter(next_review_on__lte=on)

    def in_force_on(self, on):
        """Plans that were running on a day (recomputable: started on or before it and not
        ended by then). Drafts never count."""
        return self.exclude(state=PlanState.DRAFT).filter(
            dating.in_force_q(on, "starts_on", "ended_on")
        )

    def seen_by_parents(self):
        """Parents see the plan in force and past plans, never drafts."""
        return self.exclude(state=PlanState.DRAFT)


class SupportPlan(Record):
    # Whether a plan is in force is read by the census rules (K without a plan).
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="support_plans")
    version = models.PositiveIntegerField(help_text="1 for the pupil's first plan, then 2, 3…")
    kind = models.CharField(max_length=20, choices=PlanKind, default=PlanKind.SEN_SUPPORT)
    state = models.CharField(max_length=12, choices=PlanState, default=PlanState.DRAFT)
    about_me = models.TextField("About me", blank=True)
    pupil_views = models.TextField("My views (the pupil's own words)", blank=True)
    strengths = models.TextField("What I am good at", blank=True)
    # The pupil passport (with strengths): a page for every adult who works with the pupil.
    finds_hard = models.TextField("What I find hard", blank=True)
    helps_me = models.TextField("What helps me", blank=True)
    talk_to_me = models.TextField("How to talk to me", blank=True)
    parent_views = models.TextField("My parents' or carers' views", blank=True)
    needs_summary = models.TextField("Summary of needs", blank=True)
    strategies = models.TextField(
        "Strategies for staff",
        blank=True,
        help_text="What every adult who works with the pupil should do (Code of Practice 6.49).",
    )
    next_review_on = models.DateField("Next review", null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Goes up at each save: forms use it to refuse a stale save.",
    )

    objects = SupportPlanQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["pupil"],
                condition=Q(state="active"),
                name="one_active_plan_per_pupil",
            ),
            models.UniqueConstraint(fields=["pupil", "version"], name="plan_versions_unique"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version} for {self.pupil}"

    @property
    def is_editable(self):
        return self.state in (PlanState.DRAFT, PlanState.ACTIVE)


class Outcome(models.Model):
    """SMART: what will change, how it is measured, from what baseline, by when."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveSmallIntegerField(default=0)
    what_will_change = models.TextField("What will change")
    how_measured = models.TextField("How it will be measured")
    baseline = models.TextField("Where the pupil is now (baseline)")
    target_on = models.DateField("By when")
    revision = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Goes up at each save: forms use it to refuse a stale save.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.what_will_change[:80]


class Provision(models.Model):
    """An intervention: what, who, how often, how long, and its cost."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="provisions")
    what = models.CharField("What", max_length=200)
    delivered_by = models.CharField("Delivered by", max_length=200)
    group_size = models.PositiveSmallIntegerField(
        "Pupils in the group", default=1, validators=[MinValueValidator(1)]
    )
    sessions_per_week = models.DecimalField(
        max_digits=4, decimal_places=1, validators=[MinValueValidator(Decimal("0.1"))]
    )
    minutes_per_session = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    entry_measure = models.CharField("Measure at the start", max_length=200, blank=True)
    exit_measure = models.CharField("Measure at the end", max_length=200, blank=True)
    hourly_rate = models.DecimalField(
        "Staff cost per hour (£)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    fixed_cost = models.DecimalField(
        "Fixed cost a year (£)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    revision = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Goes up at each save: forms use it to refuse a stale save.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hourly_rate__isnull=False) | Q(fixed_cost__isnull=False),
                name="provision_has_a_cost",
                violation_error_message=(
                    "Give the staff cost per hour, a fixed cost, or both: every provision is "
                    "costed."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="provision_ends_after_start",
                violation_error_message="The end cannot be before the start.",
            ),
        ]

    def __str__(self):
        return self.what

    @property
    def hours_a_year(self):
        sessions = Decimal(str(self.sessions_per_week))
        return sessions * self.minutes_per_session / 60 * TEACHING_WEEKS_A_YEAR

    @property
    def cost_a_year_per_pupil(self):
        """Staff time is shared by the group; a fixed cost (equipment, a service) is this
        pupil's."""
        cost = Decimal(0)
        if self.hourly_rate is not None:
            cost += self.hourly_rate * self.hours_a_year / self.group_size
        if self.fixed_cost is not None:
            cost += self.fixed_cost
        return cost.quantize(Decimal("0.01"))


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


PROGRESS_CHOICES = [
    (-2, "−2: much worse"),
    (-1, "−1: a little worse"),
    (0, "0: no change"),
    (1, "+1: progress"),
    (2, "+2: exceeded the outcome"),
]


class OutcomeProgress(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="progress")
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="progress")
    rating = models.SmallIntegerField(
        choices=PROGRESS_CHOICES, validators=[MinValueValidator(-2), MaxValueValidator(2)]
    )
    comment = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "outcome"], name="one_rating_per_outcome"),
            models.CheckConstraint(
                condition=Q(rating__gte=-2) & Q(rating__lte=2), name="progress_minus_two_to_two"
            ),
        ]

    def __str__(self):
        return f"{self.outcome}: {self.get_rating_display()}"


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


class SpecialistInvolvement(models.Model):
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="specialists")
    service = models.CharField(max_length=10, choices=Service)
    involved_on = models.DateField("Date")
    advice = models.TextField("Advice given")
    shared_with_parents_on = models.DateField("Shared with parents on", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-involved_on", "-id"]

    def __str__(self):
        return f"{self.get_service_display()} on {in_words(self.involved_on)}"


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
