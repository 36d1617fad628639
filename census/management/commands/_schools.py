"""--school URN (or every school) for the standings commands."""

from django.core.management.base import CommandError

from pupils.models import Pupil
from sen_register.core.models import School


def add_school(parser):
    parser.add_argument("--school", help="URN of one school (default: every school)")


def chosen_pupils(options):
    if not options.get("school"):
        return Pupil.objects.all()
    school = School.objects.filter(urn=options["school"].strip()).first()
    if school is None:
        raise CommandError(f"--school: no school has URN {options['school']!r}.")
    return Pupil.objects.at(school)
