import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_authority, seed_demo


class Command(BaseCommand):
    help = (
        "Load the demo school and one login per role (does nothing if it is already there). "
        "With --schools N, load N demo schools of --pupils each, all covered by the demo "
        "officer: an authority-sized data set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=1, help="How many schools (default 1)")
        parser.add_argument("--pupils", type=int, default=650, help="Pupils in each extra school")

    def handle(self, *args, schools, pupils, **options):
        if schools < 1 or pupils < 50:
            raise CommandError("--schools must be at least 1 and --pupils at least 50.")
        started = time.perf_counter()
        if schools == 1:
            built = seed_demo(timezone.localdate())
            self.stdout.write(
                "Demo school loaded: Riverside Academy (demo), 650 pupils."
                if built
                else "Demo school already present; nothing changed."
            )
        else:
            built = seed_authority(
                timezone.localdate(), schools=schools, pupils=pupils, report=self.stdout.write
            )
            self.stdout.write(
                f"{built} more demo school(s) loaded in {time.perf_counter() - started:.0f} s; "
                f"the officer login covers all {schools}."
            )
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for role, email in DEMO_LOGINS.items():
            self.stdout.write(f"  {role:8} {email}")
