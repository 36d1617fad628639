"""What the management commands share about their arguments: the school named by --school."""

from django.core.management.base import CommandError

from .models import School


def school_by_urn(urn):
    """The school with this URN; a CommandError naming --school when there is none."""
    school = School.objects.filter(urn=urn.strip()).first()
    if school is None:
        raise CommandError(f"--school: no school has URN {urn!r}.")
    return school
