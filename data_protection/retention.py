"""Retention: the records kept past the retention period (date of birth + 31 years by default:
the schools' records management toolkit's period for SEN files, as an EHC plan can run to 25
and a claim can be brought for six years after), for a person to decide on, and their erasure
once that person has decided, recorded as having happened."""

from datetime import date

from django.conf import settings
from django.db import transaction

from census.models import CensusSnapshotRow
from pages.history import historical_rows
from sen_register.core.models import ErasureRecord


def retention_years():
    """How many years from the date of birth SEN records are kept (a setting)."""
    return settings.SEN_RETENTION_YEARS_FROM_BIRTH


def birthday(born, age):
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # born on 29 February
        return born.replace(year=born.year + age, day=28)


def past_retention(pupils, today):
    """(pupil, the day their retention period ended) for each of `pupils` past it."""
    years = retention_years()
    # Only those born before 1 January, years - 1 ago, can be past it; check each exactly.
    born_before = date(today.year - years + 1, 1, 1)
    found = []
    for pupil in (
        pupils.filter(date_of_birth__lt=born_before)
        .select_related("school")
        .order_by("school__urn", "date_of_birth", "upn")
    ):
        ended = birthday(pupil.date_of_birth, years)
        if ended <= today:
            found.append((pupil, ended))
    return found


@transaction.atomic
def erase_pupils(pupils, *, school, reason, run_by):
    """Erase every record of `pupils` (all of one school): their SEN records, their history
    of changes and their rows in frozen censuses (by then years past any comparison), and
    keep an ErasureRecord saying that it happened. The access log keeps its entries, naming
    each pupil only by number."""
    refs = sorted(pupil.pk for pupil in pupils)
    for pupil in pupils:
        if pupil.school_id != school.pk:
            raise ValueError(f"Pupil {pupil.pk} is not at {school}.")
        # Read before deleting: deleting writes a last "removed" version of each record.
        histories = [rows for _model, rows in historical_rows(pupil)]
        CensusSnapshotRow.objects.filter(pupil=pupil).delete()
        for document in pupil.documents.all():  # the stored files go with their records
            document.file.delete(save=False)
        pupil.delete()
        # Children before parents: each list finds its rows through the ones above it.
        for rows in reversed(histories):
            rows.delete()
    return ErasureRecord.objects.create(
        school=school, pupils_erased=len(refs), pupil_refs=refs, reason=reason, run_by=run_by
    )
