"""Pupils, their classes and parents, and the SEN records kept about them.

Every SEN record is dated and appended: an assessment is never edited into another level, a
criterion or decision is withdrawn with a date rather than deleted, so any past day can be
looked at again (census days are recomputed from these records).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from simple_history.models import HistoricalRecords

from sen_register.core.models import School

from . import dating
from .changes import Record, RecordQuerySet
from .upn import validate_upn


class NCYear(models.TextChoices):
    N1 = "N1", "Nursery 1"
    N2 = "N2", "Nursery 2"
    R = "R", "Reception"
    Y1 = "1", "Year 1"
    Y2 = "2", "Year 2"
    Y3 = "3", "Year 3"
    Y4 = "4", "Year 4"
    Y5 = "5", "Year 5"
    Y6 = "6", "Year 6"
    Y7 = "7", "Year 7"
    Y8 = "8", "Year 8"
    Y9 = "9", "Year 9"
    Y10 = "10", "Year 10"
    Y11 = "11", "Year 11"
    Y12 = "12", "Year 12"
    Y13 = "13", "Year 13"
    Y14 = "14", "Year 14"


class ClassGroup(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="class_groups")
    name = models.CharField(max_length=20, help_text="As the school names it, e.g. 7B.")
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="taught_class_groups"
    )

    class Meta:
        ordering = ["school", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="class_name_unique_in_school")
        ]

    def __str__(self):
        return self.name


SEARCH_WORDS = 6


class PupilQuerySet(RecordQuerySet):
    def on_roll(self, *, on):
        return self.filter(dating.on_roll_q(on))

    def visible_to(self, user):
        from sen_register.core import access

        return self.filter(access.pupil_filter(user))

    def at(self, school):
        return self.filter(school=school)

    def search(self, text):
        text = (text or "").strip()
        if not text:
            return self
        condition = Q()
        # A name or UPN is a few words; a longer search adds nothing but work (and, past a
        # few hundred words, more conditions than SQLite accepts in one query).
        for word in list(dict.fromkeys(text.split()))[:SEARCH_WORDS]:
            condition &= (
                Q(upn__iexact=word)
                | Q(legal_surname__icontains=word)
                | Q(legal_forename__icontains=word)
                | Q(preferred_surname__icontains=word)
                | Q(preferred_forename__icontains=word)
            )
        return self.filter(condition)


class Pupil(Record):
    # Joining, leaving and the school are read by the census rules too.
    PUPIL_FIELD = "id"

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="pupils")
    upn = models.CharField("UPN", max_length=13, validators=[validate_upn])
    legal_surname = models.CharField(max_length=100)
    legal_forename = models.CharField(max_length=100)
    preferred_surname = models.CharField(max_length=100, blank=True)
    preferred_forename = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    nc_year = models.CharField("NC year", max_length=2, choices=NCYear.choices)
    class_group = models.ForeignKey(
        ClassGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="pupils"
    )
    joined_on = models.DateField("on roll from", null=True, blank=True)
    left_on = models.DateField("on roll to", null=True, blank=True)
    eal = models.BooleanField("English as an additional language", default=False)

    objects = PupilQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["legal_surname", "legal_forename", "upn"]
        constraints = [
            models.UniqueConstraint(fields=["school", "upn"], name="upn_unique_in_school"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="pupil_leaves_after_joining",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.upn})"

    @property
    def display_name(self):
        forename = self.preferred_forename or self.legal_forename
        surname = self.preferred_surname or self.legal_surname
        return f"{forename} {surname}"

    def on_roll(self, on):
        return dating.on_roll(self.joined_on, self.left_on, on)


class Relationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    CARER = "carer", "Carer"
    GUARDIAN = "guardian", "Guardian"
    OTHER = "other", "Other"


class ParentLink(models.Model):
    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parent_links"
    )
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="parent_links")
    relationship = models.CharField(max_length=10, choices=Relationship.choices)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["parent", "pupil"], name="one_link_per_parent_child")
        ]

    def __str__(self):
        return f"{self.parent} ({self.get_relationship_display()} of {self.pupil})"


# --- The support grid (data, not code: another authority can load its own) ----------------


class GridPart(Record):
    """A broad area or strand: its name, slug and position word every basis and key the
    levels by area, so changing one changes the standings of every pupil assessed in it."""

    ASSESSED_IN = ""  # the lookup from an assessment to a queryset of these

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def pupils_touched_by(cls, queryset):
        assessed = NeedAssessment.objects.filter(**{cls.ASSESSED_IN: queryset})
        return set(assessed.values_list("pupil_id", flat=True).distinct().order_by())

    def pupils_touched(self):
        return self.pupils_touched_by(type(self)._base_manager.filter(pk=self.pk))


class BroadArea(GridPart):
    ASSESSED_IN = "strand__area__in"

    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class Strand(GridPart):
    ASSESSED_IN = "strand__in"

    area = models.ForeignKey(BroadArea, on_delete=models.PROTECT, related_name="strands")
    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


LEVELS = [1, 2, 3, 4, 5]
level_validators = [MinValueValidator(1), MaxValueValidator(5)]


class LevelDescriptor(models.Model):
    """What a level means in plain English; shown wherever a level is (bare numbers mislead)."""

    level = models.PositiveSmallIntegerField(unique=True, validators=level_validators)
    title = models.CharField(max_length=60)
    descriptor = models.TextField()

    class Meta:
        ordering = ["level"]

    def __str__(self):
        return f"Level {self.level}: {self.title}"


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
        return f"{self.strand} level {self.level} on {self.assessed_on}"


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


class LevelTwoCriterionQuerySet(RecordQuerySet):
    def in_force_on(self, on):
        return self.filter(dating.in_force_q(on, "recorded_on", "withdrawn_on"))


class LevelTwoCriterion(Record):
    """A reason, from the Sheffield guidance, why a pupil at level 2 needs SEN support."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="level_two_criteria")
    criterion = models.CharField(max_length=20, choices=LevelTwoCriterionKind.choices)
    recorded_on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = LevelTwoCriterionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True)
                | Q(withdrawn_on__gte=models.F("recorded_on")),
                name="criterion_withdrawn_after_recorded",
            )
        ]

    def __str__(self):
        return f"{self.get_criterion_display()} from {self.recorded_on}"


class CensusCode(models.TextChoices):
    E = "E", "EHC plan"
    K = "K", "SEN support"
    N = "N", "No SEN provision"


class SencoDecisionQuerySet(RecordQuerySet):
    def in_force_on(self, on):
        return self.filter(dating.in_force_q(on, "decided_on", "withdrawn_on"))


class SencoDecision(Record):
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
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = SencoDecisionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="senco_decision_has_reason"),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True)
                | Q(withdrawn_on__gte=models.F("decided_on")),
                name="decision_withdrawn_after_made",
            ),
        ]

    def __str__(self):
        return f"SENCO decision {self.code} from {self.decided_on}"


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


class SENNeedQuerySet(RecordQuerySet):
    def in_force_on(self, on):
        return self.filter(dating.in_force_q(on, "recorded_on", "ended_on"))


class SENNeed(Record):
    """A DfE need type with its rank (1 primary, 2 secondary), held from a date until ended."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="sen_needs")
    need_type = models.CharField(max_length=4, choices=NeedType.choices)
    rank = models.PositiveSmallIntegerField(choices=[(1, "Primary"), (2, "Secondary")])
    recorded_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

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
        return f"EHC plan issued {self.issued_on}"


class ParentInvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, declined_at__isnull=True)

    def addressed_to(self, user):
        return self.filter(email__iexact=user.email)


class ParentInvitation(models.Model):
    """Each invitation sent to a parent or carer (see pupils.invitations). An invitation to
    an address that already has an account waits until its holder, signed in, accepts it."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    relationship = models.CharField(max_length=10, choices=Relationship.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    objects = ParentInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-invited_at"]

    def __str__(self):
        return f"Invitation to {self.email} for {self.pupil}"


class RegisterImportRun(models.Model):
    """A register import under way at a school: at most one at a time, so two people sending
    the same file at once never both add the same pupils (pupils.register_import)."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.CharField(max_length=254, blank=True)

    def __str__(self):
        return f"Import at {self.school} since {self.started_at:%H:%M}"
