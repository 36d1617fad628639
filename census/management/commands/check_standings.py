import sys

from django.core.management.base import BaseCommand

from census.keeping import standings_drift

from ._schools import add_school, chosen_pupils


class Command(BaseCommand):
    help = (
        "Work every pupil's census standings out again from their records and compare them with "
        "those kept: one line per pupil whose kept standings differ. Exits 1 on any drift."
    )

    def add_arguments(self, parser):
        add_school(parser)

    def handle(self, *args, **options):
        drifted = 0
        for drift in standings_drift(chosen_pupils(options)):
            self.stdout.write(drift.line())
            drifted += 1
        if drifted:
            self.stdout.write(f"{drifted} pupil(s) drifted: run rebuild_standings.")
            sys.exit(1)
        self.stdout.write("no drift: every kept standing is as the rules give it.")
