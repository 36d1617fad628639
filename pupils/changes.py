"""Telling whoever keeps derived state (the census standings) that pupils' records changed,
whichever way they were written: a form's save, the import's bulk writes, a queryset's
update() or delete(), the Django admin.

The census sits above the pupils' records and reads them; the records must not import it. So
each record model announces the pupils it touched with the `records_changed` signal, inside
the transaction of the write, and the census keeps its standings in step from its receiver
(census.apps). A write that changes many pupils at once can be wrapped in `batched()`, so that
the census works them out once, at the end, rather than after each bulk statement.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models, transaction
from django.dispatch import Signal

# Sent with `pupil_ids`, a set of the ids of the pupils whose records changed.
records_changed = Signal()

_gathering = ContextVar("records_changed_gathering", default=None)


def announce(pupil_ids):
    """Say that these pupils' records changed (now, or at the end of the batch)."""
    pupil_ids = {pk for pk in pupil_ids if pk is not None}
    if not pupil_ids:
        return
    gathered = _gathering.get()
    if gathered is not None:
        gathered |= pupil_ids
    else:
        records_changed.send(sender=None, pupil_ids=pupil_ids)


@contextmanager
def batched():
    """One transaction whose record changes are announced once, as it ends."""
    if _gathering.get() is not None:  # already inside a batch: it announces
        yield
        return
    gathered = set()
    token = _gathering.set(gathered)
    try:
        with transaction.atomic():
            yield
            _gathering.reset(token)
            token = None
            if not transaction.get_rollback():  # a dry run keeps nothing: nothing to work out
                announce(gathered)
    finally:
        if token is not None:
            _gathering.reset(token)


class RecordQuerySet(models.QuerySet):
    """Bulk writes that announce the pupils they touch, in the same transaction."""

    def _touched(self):
        return self.model.pupils_touched_by(self)

    def update(self, **kwargs):
        with transaction.atomic(using=self.db, savepoint=False):
            touched = self._touched()
            field = self.model.PUPIL_FIELD
            moving = field in kwargs or field.removesuffix("_id") in kwargs
            rows = list(self.values_list("pk", flat=True)) if moving else []
            count = super().update(**kwargs)
            if moving:  # records given to other pupils change those pupils too
                touched |= self.model.pupils_touched_by(
                    self.model._base_manager.filter(pk__in=rows)
                )
            announce(touched)
        return count

    update.alters_data = True

    def delete(self):
        with transaction.atomic(using=self.db, savepoint=False):
            touched = self._touched()
            deleted = super().delete()
            announce(touched)
        return deleted

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        if not objs:
            return objs
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            announce(pk for obj in created for pk in obj.pupils_touched())
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if not objs:
            return 0
        with transaction.atomic(using=self.db, savepoint=False):
            count = super().bulk_update(objs, fields, *args, **kwargs)
            announce(pk for obj in objs for pk in obj.pupils_touched())
        return count


class Record(models.Model):
    """A model whose rows the census standings are worked out from. A subclass names the
    field holding the pupil's id (`PUPIL_FIELD`) and uses RecordQuerySet for its manager;
    one whose rows touch pupils some other way overrides `pupils_touched_by` and
    `pupils_touched`."""

    PUPIL_FIELD = "pupil_id"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            super().save(*args, **kwargs)
            announce(self.pupils_touched())

    def delete(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            touched = self.pupils_touched()
            deleted = super().delete(*args, **kwargs)
            announce(touched)
        return deleted

    @classmethod
    def pupils_touched_by(cls, queryset):
        """The ids of the pupils whose records are among `queryset`. One query."""
        return set(queryset.values_list(cls.PUPIL_FIELD, flat=True).distinct().order_by())

    def pupils_touched(self):
        return {getattr(self, self.PUPIL_FIELD), getattr(self, "_loaded_pupil_id", None)}

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered, so that a save moving the record to another pupil changes both.
        instance._loaded_pupil_id = instance.__dict__.get(cls.PUPIL_FIELD)  # never a query
        return instance
