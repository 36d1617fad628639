"""No lost updates: a form remembers the revision of the record it was opened on; saving
checks it under a row lock and refuses if someone else saved in between, keeping their
change."""

from django.db import transaction


class StaleEdit(Exception):
    """Someone else saved since the form was opened; `current` is what is saved now."""

    def __init__(self, current):
        super().__init__("The record changed since the form was opened.")
        self.current = current


def locked_current(model, pk, expected_revision):
    """The saved row, locked for this transaction; StaleEdit if its revision moved on."""
    current = model.objects.select_for_update().get(pk=pk)
    if current.revision != expected_revision:
        raise StaleEdit(current)
    return current


@transaction.atomic
def save_if_unchanged(form, expected_revision):
    """Save a ModelForm of a record with a `revision`, unless someone saved it meanwhile."""
    instance = form.instance
    if instance.pk is None:
        return form.save()
    current = locked_current(type(instance), instance.pk, expected_revision)
    instance.revision = current.revision + 1
    return form.save()
