"""Support plans and the graduated approach: assess, plan, do, review (Code of Practice 6.44-6.56).

A pupil has at most one active plan. A new plan starts as a draft copied from the previous
one; activating it supersedes the old plan, which stays readable. Reviews close a cycle;
teachers' notes record the "do" phase against an outcome.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from pupils import dating
from pupils.changes import Record, RecordQuerySet
from pupils.models import Pupil


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
    """An intervention: what, who, how often, how long, and its cost (costed by its dates in
    support_plans.costs)."""

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
