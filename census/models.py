"""Census snapshots: the codes, needs and reasons of one census day, frozen as sent.

A snapshot copies what it shows (names, codes, bases), so it reads the same later even after
pupils' records change or pupils leave."""

from django.conf import settings
from django.db import models

from sen_register.models import School


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

    class Meta:
        ordering = ["upn"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "upn"], name="one_row_per_upn_in_snapshot")
        ]

    def __str__(self):
        return f"{self.upn} {self.sen_provision}"


class RecordsVersion(models.Model):
    """How many times a pupil's SEN records (or roll dates) have changed: bumped by database
    triggers on every insert, update or delete (migration census 0002), so that no way of
    writing (a form, the import's bulk writes, the admin, a queryset update) can be missed.
    A worked-out standing is only used while it was worked out at the current version."""

    pupil_id = models.BigIntegerField(primary_key=True)  # no constraint: outlives a deletion
    version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"pupil {self.pupil_id} records version {self.version}"


class KnownStanding(models.Model):
    """A pupil's census standing on a day as census.standing last worked it out, at a version
    of their records: kept so that the register, the census return and the officer's view
    read one row per pupil instead of working out a whole school or authority each time.
    Nothing here is a record: every row can be thrown away and worked out again. Columns are
    as the standing query gives them: NULL where it gives none, 0 or 1 for yes or no."""

    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    version = models.BigIntegerField()
    on_roll = models.PositiveSmallIntegerField()
    highest = models.PositiveSmallIntegerField(null=True)
    top_strands = models.BigIntegerField(null=True)
    area_bits = models.BigIntegerField(null=True)
    areas_at_two = models.PositiveSmallIntegerField()
    criteria_bits = models.BigIntegerField()
    grid_code = models.CharField(max_length=1)
    decision_id = models.BigIntegerField(null=True)
    decision_code = models.CharField(max_length=1, null=True)  # noqa: DJ001
    decision_reason = models.TextField(null=True)  # noqa: DJ001
    decided_on = models.DateField(null=True)
    decision_withdrawn_on = models.DateField(null=True)
    ehcp_issued_on = models.DateField(null=True)
    ehcp_ceased_on = models.DateField(null=True)
    ehcp_reviewed_on = models.DateField(null=True)
    has_support_plan = models.PositiveSmallIntegerField()
    sen_type_1 = models.CharField(max_length=4, null=True)  # noqa: DJ001
    sen_type_2 = models.CharField(max_length=4, null=True)  # noqa: DJ001
    code = models.CharField(max_length=1)
    status = models.CharField(max_length=20, null=True)  # noqa: DJ001
    level_two_unclear = models.PositiveSmallIntegerField()
    departs = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pupil", "day"], name="one_known_standing_a_day")
        ]
        indexes = [models.Index(fields=["day"])]  # forgetting old days

    def __str__(self):
        return f"pupil {self.pupil_id} on {self.day}: {self.code}"


class SchoolVersion(models.Model):
    """How many times anything behind a school's standings has changed: any pupil's
    RecordsVersion there, a pupil joining, leaving or moving. Bumped by the same triggers
    (migration census 0004)."""

    school_id = models.BigIntegerField(primary_key=True)  # no constraint, as RecordsVersion
    version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"school {self.school_id} version {self.version}"


class KeptSchool(models.Model):
    """Every pupil of a school has a kept standing on `day`, current at school `version`: the
    census return and the officer's view then check one row a school, not one a pupil."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    version = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "day"], name="one_kept_school_a_day")
        ]

    def __str__(self):
        return f"{self.school_id} kept on {self.day} at version {self.version}"
