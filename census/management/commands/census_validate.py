import sys

from django.core.management.base import BaseCommand

from census.validation import ERROR, CensusContext, validate

from ._arguments import add_school_and_date, school_and_date


class Command(BaseCommand):
    help = (
        "Check a school's census on a date: one line per finding, '<rule> <UPN> <message>'. "
        "Exits 1 when there is any error (DfE errors block a clean return)."
    )

    def add_arguments(self, parser):
        add_school_and_date(parser)

    def handle(self, *args, **options):
        school, on = school_and_date(options)
        findings = validate(CensusContext.of_school(school, on))
        for finding in findings:
            self.stdout.write(finding.line())
        if any(f.severity == ERROR for f in findings):
            sys.exit(1)
