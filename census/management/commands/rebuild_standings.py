from django.core.management.base import BaseCommand

from census.keeping import standings_rebuild

from ._schools import add_school, chosen_pupils


class Command(BaseCommand):
    help = (
        "Work the census standings of every pupil (or one school's) out again from their "
        "records with the rules of today, a transaction per thousand pupils."
    )

    def add_arguments(self, parser):
        add_school(parser)

    def handle(self, *args, **options):
        def report(done, total):
            self.stdout.write(f"  {done:,} of {total:,} pupils")

        count = standings_rebuild(chosen_pupils(options), report=report)
        self.stdout.write(f"Rebuilt the standings of {count:,} pupil(s).")
