"""Each school's revision: a token that changes whenever anything the school's census
figures are worked out from changes, in the same transaction as the change.

The census page and the SENCO's home work their figures out from every pupil on roll; at
10,000 pupils that is most of a second, looked at far more often than the records change.
So the figures are kept in the process (`figures_kept`) under the school, the day and the
school's token: a look after any change reads a new token and works them out afresh, and a
look that reads the token before a change commits can only keep figures at least as new as
that token (the token is read first).

What changes a school's token (`watch`, from census.apps):
- any record the standings are worked out from (pupils.changes announces every kind of
  write, bulk ones too, and the standings are kept from the same announcement);
- a pupil saved or deleted, the school's own details, a frozen census;
- the rows the register checks read beside the records: parent contacts, plan reviews,
  top-up funding;
- the meaning of each level (shown on the register's rows), at every school;
- what the pupil's record shows beside the records (pages.record keeps its body): the grid's
  areas, strands and their descriptors and the names of staff (at every school), teaching
  groups and who is in them, specialists, documents, EHC requests and annual reviews, and
  the emails the register sent;
- what the provision map and a teacher's pupils show of the plans (provision, outcomes) and
  who teaches which group.
A check or kept page that reads some other kind of row must add it to WATCHED.
"""

import uuid
from collections.abc import Callable, Hashable, Iterable
from datetime import date
from typing import Any

from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.signals import m2m_changed, post_save, pre_delete

from pupils.models import (
    BroadArea,
    ClassGroup,
    LevelDescriptor,
    Pupil,
    Strand,
    StrandDescriptor,
    TopUpFunding,
)
from sen_register.core.kept import Kept
from sen_register.core.models import School, User
from support_plans.models import (
    EHCAnnualReview,
    NeedsAssessmentRequest,
    Outcome,
    ParentContact,
    Provision,
    PupilDocument,
    Review,
    SentEmail,
    SpecialistInvolvement,
)

from .models import CensusSnapshot, SchoolRevision

EVERY_SCHOOL = "every school"  # reference data every school's pages show

# Each kind of row whose change changes the figures, and the lookup from it to its school.
WATCHED: dict[type[models.Model], str] = {
    LevelDescriptor: EVERY_SCHOOL,
    School: "pk",
    Pupil: "school_id",
    CensusSnapshot: "school_id",
    ParentContact: "pupil__school_id",
    TopUpFunding: "pupil__school_id",
    Review: "plan__pupil__school_id",
    # What the pupil's record shows beside the records (pages.record).
    BroadArea: EVERY_SCHOOL,
    Strand: EVERY_SCHOOL,
    StrandDescriptor: EVERY_SCHOOL,
    User: EVERY_SCHOOL,  # the names of who assessed and decided; see _shows
    ClassGroup: "school_id",
    SpecialistInvolvement: "pupil__school_id",
    PupilDocument: "pupil__school_id",
    NeedsAssessmentRequest: "pupil__school_id",
    EHCAnnualReview: "ehc_plan__pupil__school_id",
    SentEmail: "school_id",
    # What the provision map and a teacher's pupils show of the plans.
    Provision: "plan__pupil__school_id",
    Outcome: "plan__pupil__school_id",
}
# Pupils and staff put in teaching groups or taken out (the record, a teacher's pupils),
# from either side.
WATCHED_LINKS = [ClassGroup.members.through, ClassGroup.teachers.through]

_kept = Kept(256)  # a few days and pages of a few schools per process


def revise(school_ids: Iterable[int]) -> None:
    """Give these schools a new token (and one to a school that had none). Two queries."""
    school_ids = set(school_ids)
    if not school_ids:
        return
    token = uuid.uuid4().hex
    held = set(
        SchoolRevision.objects.filter(school_id__in=school_ids).values_list("school_id", flat=True)
    )
    SchoolRevision.objects.filter(school_id__in=held).update(token=token)
    SchoolRevision.objects.bulk_create(
        [SchoolRevision(school_id=pk, token=token) for pk in school_ids - held],
        ignore_conflicts=True,
    )


def revise_pupils(pupil_ids: Iterable[int]) -> None:
    """New tokens for the schools of these pupils (those that still exist)."""
    revise(
        Pupil.objects.filter(pk__in=list(pupil_ids))
        .values_list("school_id", flat=True)
        .distinct()
        .order_by()
    )


def _schools_of(instance: Any) -> Iterable[int]:
    path = WATCHED[type(instance)]
    if path == EVERY_SCHOOL:
        return School.objects.values_list("pk", flat=True)
    school_id = _school_of(instance, path)
    return [] if school_id is None else [school_id]


def _school_of(instance: Any, path: str) -> int | None:
    if path in ("pk", "school_id"):
        return getattr(instance, path)
    return type(instance)._base_manager.filter(pk=instance.pk).values_list(path, flat=True).first()


def _shows(instance: Any, created: bool, update_fields: Any) -> bool:
    """Whether a save may change what a kept page shows. A user's name shows on the records
    they wrote, at any school they worked at; a new user has written none, and signing in
    (the time) or a new password changes no name."""
    if isinstance(instance, User):
        return not created and not (
            update_fields and set(update_fields) <= {"last_login", "password"}
        )
    return True


def _saved(
    sender: type, instance: Any, created: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    if _shows(instance, created, update_fields):
        revise(_schools_of(instance))


def _linked(sender: Any, instance: Any, action: str, pk_set: Any, **kwargs: Any) -> None:
    """Links to a teaching group made or ended, from the group's side or the other's (a
    pupil's or a member of staff's): the schools of the groups."""
    if isinstance(instance, ClassGroup):
        if action in ("post_add", "post_remove", "post_clear"):
            revise([instance.school_id])
        return
    if action in ("post_add", "post_remove"):
        groups = ClassGroup.objects.filter(pk__in=pk_set)
    elif action == "pre_clear":  # while the links are there to say which groups
        side = next(f.attname for f in sender._meta.fields if f.related_model is type(instance))
        groups = ClassGroup.objects.filter(
            pk__in=sender.objects.filter(**{side: instance.pk}).values("classgroup_id")
        )
    else:
        return
    revise(groups.values_list("school_id", flat=True))


def watch() -> None:
    """Connect every kind of row in WATCHED: saved, or about to be deleted (while the row is
    there to say which school it was in; a queryset's delete() sends this for each row)."""
    for model in WATCHED:
        uid = f"census_revision_{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}_saved")
        pre_delete.connect(_saved, sender=model, dispatch_uid=f"{uid}_deleted")
    for through in WATCHED_LINKS:
        uid = f"census_revision_{through._meta.label_lower}"
        m2m_changed.connect(_linked, sender=through, dispatch_uid=uid)


Keep = Callable[[Hashable, Callable[[], Any]], Any]


class _Unread:
    """The school's token, not read yet (None is a school with no token)."""


UNREAD = _Unread()


def revision_of(school_field: str) -> Subquery:
    """The token of the school in `school_field`, for a query to read with its rows (one
    query for both): `keeper(..., token=row.<name>)`."""
    return Subquery(
        SchoolRevision.objects.filter(school_id=OuterRef(school_field)).values("token")[:1]
    )


def keeper(
    school: School, on: date, store: Kept | None = None, token: str | None | _Unread = UNREAD
) -> Keep:
    """`keep(name, work)`: `work()` (the figures `name` of `school` on the day `on`), or what
    an earlier call kept while nothing they came from has changed. Callers must not change
    what they get: it is shared with every later look. One query (the school's token), read
    now, however many figures are then kept. Kept among the census figures, or in `store`
    (a page kept per pupil would soon push a school's figures out). No query when the token
    was read with the page's own rows (`revision_of`), before anything it keeps."""
    kept = _kept if store is None else store
    if isinstance(token, _Unread):
        token = SchoolRevision.objects.filter(school=school).values_list("token", flat=True).first()

    def keep(name: Hashable, work: Callable[[], Any]) -> Any:
        if token is None:  # a school from before revisions, until its first change
            return work()
        return kept.get((school.pk, token, on, name), work)

    return keep


def figures_kept(school: School, on: date, name: Hashable, work: Callable[[], Any]) -> Any:
    """`work()`, or the figures `name` of `school` on `on` kept from an earlier call
    (`keeper`)."""
    return keeper(school, on)(name, work)
