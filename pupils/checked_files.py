"""A register file kept between its check and its import, so the SENCO does not choose it twice.

Kept for the person who checked it, at that school, for an hour; one at a time for each person
and school; gone as soon as it is taken for import. The import checks it again in full, so a
kept file is never trusted for having been checked."""

from datetime import timedelta

from django.utils import timezone

from .models import CheckedRegisterFile

KEPT_FOR = timedelta(hours=1)


def _expired():
    return CheckedRegisterFile.objects.filter(checked_at__lt=timezone.now() - KEPT_FOR)


def keep(school, user, name, content):
    """Keep a checked file, in place of any the same person kept at the school before."""
    _expired().delete()
    CheckedRegisterFile.objects.filter(school=school, checked_by=user).delete()
    return CheckedRegisterFile.objects.create(
        school=school, checked_by=user, name=name[:255], content=content
    )


def take(school, user, pk):
    """The kept file `pk` (name, content) if this person kept it at this school within the
    hour, removed as it is taken; None otherwise."""
    _expired().delete()
    if not str(pk).isdigit():
        return None
    kept = CheckedRegisterFile.objects.filter(school=school, checked_by=user, pk=pk).first()
    if kept is None:
        return None
    kept.delete()
    return kept.name, bytes(kept.content)
