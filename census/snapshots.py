"""Freezing a census day, and comparing two frozen days (the DfE queries large term-on-term
changes, so the school needs to say who moved between N, K and E, and why)."""

from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery

from sen_register.core.dates import in_words

from .models import CensusSnapshot, CensusSnapshotRow, StandingPeriod
from .returns import census_return_of_pupils


class SnapshotExists(Exception):
    pass


@transaction.atomic
def snapshot_freeze(*, school, on, user):
    """Keep the codes, needs and bases of `on` exactly as they are now. A census day is frozen
    once: a second attempt raises SnapshotExists and changes nothing."""
    if CensusSnapshot.objects.filter(school=school, census_date=on).exists():
        raise SnapshotExists(f"The census of {in_words(on)} is already frozen.")
    try:
        with transaction.atomic():
            snapshot = CensusSnapshot.objects.create(school=school, census_date=on, frozen_by=user)
    except IntegrityError:  # someone froze it a moment ago
        raise SnapshotExists(f"The census of {in_words(on)} is already frozen.") from None
    rows = []
    for pupil_id, row in census_return_of_pupils([school], on):
        upn, surname, forename, born, year, code, type_1, type_2, basis = row
        rows.append(
            CensusSnapshotRow(
                snapshot=snapshot,
                pupil_id=pupil_id,
                upn=upn,
                legal_surname=surname,
                legal_forename=forename,
                date_of_birth=born,
                nc_year=year,
                sen_provision=code,
                sen_type_1=type_1,
                sen_type_2=type_2,
                basis=basis,
            )
        )
    CensusSnapshotRow.objects.bulk_create(rows, batch_size=1000)
    kept = StandingPeriod.objects.on(on).filter(pupil_id=OuterRef("pupil_id"))
    snapshot.rows.update(highest_level=Subquery(kept.values("highest_level")[:1]))
    return snapshot


@dataclass(frozen=True)
class Movement:
    upn: str
    name: str
    pupil_id: int | None
    before: str  # a code, or "" when not on roll at the earlier census
    before_basis: str
    after: str  # a code, or "" when not on roll at the later census
    after_basis: str


def snapshot_compare(earlier, later):
    """Every pupil whose code differs between two snapshots (joining or leaving included), and
    a count of each move, e.g. ("K", "N") -> 4."""
    before = {r.upn: r for r in earlier.rows.all()}
    after = {r.upn: r for r in later.rows.all()}
    movements = []
    for upn in sorted(before.keys() | after.keys()):
        old, new = before.get(upn), after.get(upn)
        old_code = old.sen_provision if old else ""
        new_code = new.sen_provision if new else ""
        if old_code == new_code:
            continue
        shown = new or old
        assert shown is not None  # a UPN comes from one side at least
        movements.append(
            Movement(
                upn=upn,
                name=f"{shown.legal_forename} {shown.legal_surname}",
                pupil_id=shown.pupil_id,
                before=old_code,
                before_basis=old.basis if old else "not on roll",
                after=new_code,
                after_basis=new.basis if new else "not on roll",
            )
        )
    counts = Counter((m.before, m.after) for m in movements)
    return movements, counts
