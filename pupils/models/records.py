"""The SEN records kept about a pupil: grid assessments (against the support grid, .grid),
level-2 criteria, SENCO decisions, DfE need types and EHC plans.

Every one is dated and appended: an assessment is never edited into another level, a
criterion or decision is withdrawn with a date rather than deleted, so any past day can be
looked at again (census days are recomputed from these records)."""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from simple_history.models import HistoricalRecords

from sen_register.core.dates import in_words

from .. import dating
from ..changes import Record, RecordQuerySet
from .grid import Strand, level_validators
from .people import Pupil

# --- SEN records: dated, appended ---------------------------------------------------------


class NeedAssessmentQuerySet(RecordQuerySet):
    def on_or_before(self, on):
        return self.filter(assessed_on__lte=on)

    def current_on(self, on):
        """The current assessment of each strand of each pupil on `on`: the rule of
        `dating.current_by_strand`, as SQL (a test holds the two to one answer)."""
        latest = (
            NeedAssessment.objects.filter(
                pupil=OuterRef("pupil"), strand=OuterRef("strand"), assessed_on__lte=on
            )
            .order_by("-assessed_on", "-id")
            .values("id")[:1]
        )
        return self.filter(assessed_on__lte=on, id=Subquery(latest))


class NeedAssessment(Record):
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="assessments")
    strand = models.ForeignKey(Strand, on_delete=models.PROTECT, related_name="assessments")
    level = models.PositiveSmallIntegerField(validators=level_validators)
    assessed_on = models.DateField()
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = NeedAssessmentQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessed_on", "id"]
        indexes = [models.Index(fields=["pupil", "strand", "assessed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="assessment_level_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.strand} level {self.level} on {in_words(self.assessed_on)}"


class LevelTwoCriterionKind(models.TextChoices):
    MEDICAL = "medical", "Identified neurological, genetic or medical needs"
    MULTIPLE_AREAS = "multiple_areas", "Needs across the broad areas of need"
    GAP_NOT_NARROWING = (
        "gap_not_narrowing",
        "Gap with peers not narrowing despite high-quality targeted interventions",
    )
    LONG_TERM = (
        "long_term",
        "Gap remains after a graduated approach; medium- to long-term interventions needed",
    )
    TRANSITION = "transition", "Intensive support needed at a point of transition"


class Withdrawable(Record):
    """A record that holds until it is withdrawn: the withdrawal is dated, with who and why,
    and the record stays in the history."""

    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_note = models.TextField(blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def not_before(start, *, name):
        """The database's check that a withdrawal is dated on or after the record's start."""
        return models.CheckConstraint(
            condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F(start)),
            name=name,
        )


class LevelTwoCriterionQuerySet(RecordQuerySet):
    def in_force_on(self, on):
        return self.filter(dating.in_force_q(on, "recorded_on", "withdrawn_on"))


class LevelTwoCriterion(Withdrawable):
    """A reason, from the Sheffield guidance, why a pupil at level 2 needs SEN support."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="level_two_criteria")
    criterion = models.CharField(max_length=20, choices=LevelTwoCriterionKind)
    recorded_on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = LevelTwoCriterionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_on", "id"]
        constraints = [
            Withdrawable.not_before("recorded_on", name="criterion_withdrawn_after_recorded")
        ]

    def __str__(self):
        return f"{self.get_criterion_display()} from {in_words(self.recorded_on)}"


class CensusCode(models.TextChoices):
    E = "E", "EHC plan"
    K = "K", "SEN support"
    N = "N", "No SEN provision"


class SencoDecisionQuerySet(RecordQuerySet):
    def in_force_on(self, on):
        return self.filter(dating.in_force_q(on, "decided_on", "withdrawn_on"))


class SencoDecision(Withdrawable):
    """The SENCO's own judgement of K or N, replacing what the grid gives while it holds.
    It can never give or take away E."""

    class Code(models.TextChoices):
        K = "K", "SEN support"
        N = "N", "No SEN provision"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="senco_decisions")
    code = models.CharField(max_length=1, choices=Code.choices)
    reason = models.TextField()
    decided_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Set when the record came with the pupil from their previous school (a CTF import).
    transfer = models.ForeignKey(
        "pupils.TransferIn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = SencoDecisionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="senco_decision_has_reason"),
            Withdrawable.not_before("decided_on", name="decision_withdrawn_after_made"),
        ]

    def __str__(self):
        return f"SENCO decision {self.code} from {in_words(self.decided_on)}"


class NeedType(models.TextChoices):
    ASD = "ASD", "Autistic spectrum disorder"
    HI = "HI", "Hearing impairment"
    MLD = "MLD", "Moderate learning difficulty"
    MSI = "MSI", "Multi-sensory impairment"
    NSA = "NSA", "SEN support but no specialist assessment of type of need"
    OTH = "OTH", "Other difficulty or disability"
    PD = "PD", "Physical disability"
    PMLD = "PMLD", "Profound and multiple learning difficulty"
    SEMH = "SEMH", "Social, emotional and mental health"
    SLCN = "SLCN", "Speech, language and communication needs"
    SLD = "SLD", "Severe learning difficulty"
    SPLD = "SPLD", "Specific learning difficulty"
    VI = "VI", "Visual impairment"

    @classmethod
    def name_of(cls, code):
        """A need type's name from its code ("" stays ""; an unknown code is left as it is)."""
        return cls(code).label if code in cls.values else code


class SENNeedQuerySet(RecordQuerySet):
    def in_force_on(self, on):
        return self.filter(dating.in_force_q(on, "recorded_on", "ended_on"))


class SENNeed(Record):
    """A DfE need type with its rank (1 primary, 2 secondary), held from a date until ended."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="sen_needs")
    need_type = models.CharField(max_length=4, choices=NeedType)
    rank = models.PositiveSmallIntegerField(choices=[(1, "Primary"), (2, "Secondary")])
    recorded_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Set when the record came with the pupil from their previous school (a CTF import).
    transfer = models.ForeignKey(
        "pupils.TransferIn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = SENNeedQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["rank", "recorded_on", "id"]

    def __str__(self):
        return f"{self.need_type} (rank {self.rank})"


class EHCPlanQuerySet(RecordQuerySet):
    def in_force_on(self, on):
        return self.filter(dating.ehc_plan_in_force_q(on))


class EHCPlan(Record):
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="ehc_plans")
    issued_on = models.DateField()
    ceased_on = models.DateField(null=True, blank=True)
    local_authority = models.CharField(max_length=100, blank=True)
    last_annual_review_on = models.DateField(null=True, blank=True)
    ceasing_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Set when the record came with the pupil from their previous school (a CTF import).
    transfer = models.ForeignKey(
        "pupils.TransferIn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = EHCPlanQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = "EHC plan"
        constraints = [
            models.CheckConstraint(
                condition=Q(ceased_on__isnull=True) | Q(ceased_on__gte=models.F("issued_on")),
                name="ehc_plan_ceases_after_issue",
            )
        ]

    def __str__(self):
        return f"EHC plan issued {in_words(self.issued_on)}"
