"""Retention: the records kept past the retention period (until the pupil is 25), for a person
to decide on, and their erasure once that person has decided, recorded as having happened."""

from datetime import date

from django.db import transaction

from census.models import CensusSnapshotRow
from pages.history import historical_rows
from sen_register.core.models import ErasureRecord

RETENTION_AGE = 25  # SEN files are kept until the pupil is 25


def birthday(born, age):
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # born on 29 February
        return born.replace(year=born.year + age, day=28)


def past_retention(pupils, today):
    """(pupil, the day they turned 25) for each of `pupils` past the retention period."""
    # Only those born before 1 January, 24 years ago, can be 25 by now; check each exactly.
    born_before = date(today.year - RETENTION_AGE + 1, 1, 1)
    found = []
    for pupil in (
        pupils.filter(date_of_birth__lt=born_before)
        .select_related("school")
        .order_by("school__urn", "date_of_birth", "upn")
    ):
        turned = birthday(pupil.date_of_birth, RETENTION_AGE)
        if turned <= today:
            found.append((pupil, turned))
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
        pupil.delete()
        # Children before parents: each list finds its rows through the ones above it.
        for rows in reversed(histories):
            rows.delete()
    return ErasureRecord.objects.create(
        school=school, pupils_erased=len(refs), pupil_refs=refs, reason=reason, run_by=run_by
    )
