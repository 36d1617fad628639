"""What census_export and census_validate both take: --school URN --date YYYY-MM-DD."""

from datetime import date

from django.core.management.base import CommandError

from sen_register.core.command_args import school_by_urn


def add_school_and_date(parser):
    parser.add_argument("--school", required=True, help="URN of the school")
    parser.add_argument("--date", required=True, help="The census day, YYYY-MM-DD")


def school_and_date(options):
    school = school_by_urn(options["school"])
    try:
        on = date.fromisoformat(options["date"].strip())
    except ValueError:
        raise CommandError(
            f"--date: {options['date']!r} is not a date in YYYY-MM-DD form."
        ) from None
    return school, on
