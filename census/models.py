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
