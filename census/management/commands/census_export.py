from django.core.management.base import BaseCommand

from census.exports import csv_lines, xml_lines
from census.returns import census_return

from ._arguments import add_school_and_date, school_and_date


class Command(BaseCommand):
    help = (
        "Write the census SEN return of a school on a date to standard output: one row per "
        "pupil on roll, ordered by UPN, with the reason for each code."
    )

    def add_arguments(self, parser):
        add_school_and_date(parser)
        parser.add_argument("--format", choices=["csv", "xml"], default="csv")

    def handle(self, *args, **options):
        school, on = school_and_date(options)
        rows = census_return([school], on)
        lines = csv_lines(rows) if options["format"] == "csv" else xml_lines(school, on, rows)
        # A thousand lines a write: a whole school's return in a few writes, never all held.
        batch = []
        for line in lines:
            batch.append(line)
            if len(batch) == 1000:
                self.stdout.write("".join(batch), ending="")
                batch.clear()
        self.stdout.write("".join(batch), ending="")
