"""Census snapshots: the codes, needs and reasons of one census day, frozen as sent.

A snapshot copies what it shows (names, codes, bases), so it reads the same later even after
pupils' records change or pupils leave."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from pupils.models import NeedType, Pupil
from sen_register.core.conditions import through
from sen_register.core.models import School

from .derivation import NOT_ON_ROLL, STATUS_LABELS


class CensusSnapshot(models.Model):
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="census_snapshots")
    census_date = models.DateField()
    frozen_at = models.DateTimeField(auto_now_add=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-census_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "census_date"], name="one_snapshot_per_census_day"
            )
        ]

    def __str__(self):
        return f"{self.school} census {self.census_date}"


class CensusSnapshotRow(models.Model):
    snapshot = models.ForeignKey(CensusSnapshot, on_delete=models.CASCADE, related_name="rows")
    pupil = models.ForeignKey(
        "pupils.Pupil", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    upn = models.CharField(max_length=13)
    legal_surname = models.CharField(max_length=100)
    legal_forename = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    nc_year = models.CharField(max_length=2)
    sen_provision = models.CharField(max_length=1)
    sen_type_1 = models.CharField(max_length=4, blank=True)
    sen_type_2 = models.CharField(max_length=4, blank=True)
    basis = models.TextField()
    # For the officers' trends (census.trends): censuses frozen before it was kept have none.
    highest_level = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["upn"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "upn"], name="one_row_per_upn_in_snapshot")
        ]

    def __str__(self):
        return f"{self.upn} {self.sen_provision}"


class StandingQuerySet(models.QuerySet):
    def on(self, day):
        """Each pupil's standing on a day: the one period holding it."""
        return self.filter(valid_from__lte=day, valid_to__gt=day)

    def on_roll(self):
        return self.filter(on_roll=True)

    def at(self, school):
        return self.filter(school=school)

    def of(self, pupils):
        """The standings of a queryset of pupils (a subquery, whatever its size)."""
        return self.filter(pupil__in=pupils)

    def visible_to(self, user):
        """The standings of the pupils `user` may see, by the one access policy, as a
        condition on the joined pupil (sen_register.core.conditions.through)."""
        from sen_register.core import access

        return self.filter(through(access.pupil_filter(user), "pupil"))

    def with_pupils(self):
        """Each with its pupil and class, in the pupils' order (by name)."""
        return self.select_related("pupil__class_group").order_by(
            *(f"pupil__{name}" for name in Pupil._meta.ordering or [])
        )


class StandingPeriod(models.Model):
    """What the census rules (census.derivation) give a pupil over a run of days on which
    none of their records changes: code, basis, register status, levels, need types and the
    flags the SENCO is asked to look at. Worked out by census.keeping in the same transaction
    as the records that change it, stamped with the version of the rules that made it; the
    periods of a pupil cover all time without gaps, so every day has exactly one.

    Nothing here is a record: every row can be thrown away and worked out again
    (`rebuild_standings`); `check_standings` reports any that differ from the rules."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="standings")
    # The pupil's school, kept beside the figures so that counting a whole authority's
    # standings reads one table.
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    valid_from = models.DateField()
    valid_to = models.DateField(help_text="The first day this period no longer holds.")
    rules_version = models.CharField(max_length=16)
    on_roll = models.BooleanField()
    code = models.CharField(max_length=1, blank=True)
    basis = models.TextField()
    grid_code = models.CharField(max_length=1, blank=True)
    grid_basis = models.TextField(blank=True)
    highest_level = models.PositiveSmallIntegerField(null=True, blank=True)
    area_levels = models.JSONField(default=dict, help_text="Broad area slug: highest level.")
    status = models.CharField(max_length=20, blank=True)
    level_two_unclear = models.BooleanField(default=False)
    departs_from_grid = models.BooleanField(default=False)
    k_without_plan = models.BooleanField(default=False)
    sen_type_1 = models.CharField(max_length=4, blank=True)
    sen_type_2 = models.CharField(max_length=4, blank=True)
    decision_code = models.CharField(max_length=1, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    # The decision in force is the SEN support the pupil left their previous school with.
    decision_transferred = models.BooleanField(default=False)

    objects = StandingQuerySet.as_manager()

    class Meta:
        ordering = ["pupil", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["pupil", "valid_from"], name="one_period_a_start"),
            models.CheckConstraint(
                condition=Q(valid_to__gt=models.F("valid_from")), name="period_not_empty"
            ),
        ]
        indexes = [
            # A school's or an authority's standings on a day.
            models.Index(fields=["school", "valid_from", "valid_to"]),
            models.Index(fields=["rules_version"]),
        ]

    def __str__(self):
        return f"{self.pupil_id} from {self.valid_from}: {self.code or 'not on roll'}"

    @property
    def status_label(self):
        return STATUS_LABELS.get(self.status, NOT_ON_ROLL)

    @property
    def need_types(self):
        """(code, name) of each DfE need type held, by rank."""
        return [(code, NeedType(code).label) for code in (self.sen_type_1, self.sen_type_2) if code]


class SchoolRevision(models.Model):
    """A token for each school that changes, in the transaction of the write, whenever
    anything its census figures are worked out from changes (census.revisions). Figures kept
    under a token can never be served after what they came from has changed."""

    school = models.OneToOneField(
        School, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=32)

    def __str__(self):
        return f"{self.school_id} {self.token}"


# Moderation across schools, in its own module; imported here so that Django finds it.
from .moderation_models import ModerationCase, ModerationJudgement, ModerationRound  # noqa: E402

__all__ = [
    "CensusSnapshot",
    "CensusSnapshotRow",
    "ModerationCase",
    "ModerationJudgement",
    "ModerationRound",
    "SchoolRevision",
    "StandingPeriod",
    "StandingQuerySet",
]
