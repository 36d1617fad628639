"""--school URN (or every school) for the standings commands."""

from pupils.models import Pupil
from sen_register.core.command_args import school_by_urn


def add_school(parser):
    parser.add_argument("--school", help="URN of one school (default: every school)")


def chosen_pupils(options):
    if not options.get("school"):
        return Pupil.objects.all()
    school = school_by_urn(options["school"])
    return Pupil.objects.at(school)
