"""One register import at a time at a school: two people sending the same file at once would
otherwise both add the same pupils. A run is marked by a row (pupils.models.
RegisterImportRun) committed before the import starts, so a second run sees it whichever
database is underneath."""

from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import RegisterImportRun
from .register_file import RegisterFileError

# An import takes seconds; one still marked as running after this long was cut off.
IMPORT_RUN_EXPIRES = timedelta(minutes=30)


@contextmanager
def one_import_at_a_time(school, user):
    """Mark an import as under way at `school` for as long as the block runs; a second one
    meanwhile is refused with a message saying who started the first and when."""
    stale = timezone.now() - IMPORT_RUN_EXPIRES
    RegisterImportRun.objects.filter(school=school, started_at__lt=stale).delete()
    try:
        with transaction.atomic():
            run = RegisterImportRun.objects.create(
                school=school, started_by=user.email if user else "command line"
            )
    except IntegrityError:
        running = RegisterImportRun.objects.filter(school=school).first()
        since = timezone.localtime(running.started_at if running else None)
        who = running.started_by if running else "someone"
        raise RegisterFileError(
            [
                f"Another register import for this school is under way (started at "
                f"{since:%H:%M} by {who}). Nothing was written: wait a minute for it to "
                "finish, then check the register before sending this file again."
            ]
        ) from None
    try:
        yield
    finally:
        RegisterImportRun.objects.filter(pk=run.pk).delete()
