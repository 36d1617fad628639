"""What arrives with a pupil from their previous school, and what an authority funds on top.

A `TransferIn` is one pupil's SEN history brought in by a Common Transfer File: the records it
made (an EHC plan, the SEN support the pupil left with as a SENCO decision, need types) point
back to it, so the record shows where each came from and a second import of the same file is
known. `TopUpFunding` is the high-needs top-up an authority pays for a pupil, kept dated like
every other record: the census asks about it (query 1990)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sen_register.core.dates import in_words
from sen_register.core.models import School

from .. import dating
from .people import Pupil


class TransferIn(models.Model):
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="transfers_in")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    from_school = models.CharField("previous school", max_length=200)
    from_laestab = models.CharField("previous school's LAESTAB", max_length=7, blank=True)
    file_name = models.CharField(max_length=255)
    file_written_at = models.DateTimeField(help_text="The file's own date and time.")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = "transfer in"
        verbose_name_plural = "transfers in"

    def __str__(self):
        return f"transferred from {self.from_school}"


class TopUpFundingQuerySet(models.QuerySet):
    def in_force_on(self, on):
        return self.filter(dating.in_force_q(on, "starts_on", "ends_on"))


class TopUpFunding(models.Model):
    """Top-up funding from the local authority's high-needs block, for a pupil, from a date:
    an amount a year, a band in the authority's own scheme, or both."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="top_up_funding")
    starts_on = models.DateField("funded from")
    ends_on = models.DateField("funded until", null=True, blank=True)
    amount = models.DecimalField(
        "amount a year (£)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    band = models.CharField(max_length=40, blank=True, help_text="As the authority names it.")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = TopUpFundingQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = "top-up funding"
        verbose_name_plural = "top-up funding"
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=False) | ~Q(band=""), name="top_up_has_amount_or_band"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="top_up_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        what = " ".join(
            part
            for part in (f"£{self.amount:,.2f} a year" if self.amount else "", self.band)
            if part
        )
        return f"Top-up funding {what} from {in_words(self.starts_on)}"

    def in_force_on(self, on):
        return dating.in_force(self.starts_on, self.ends_on, on)
