from django.core.management.base import BaseCommand
from django.utils import timezone

from sen_register.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Load the demo school and one login per role (does nothing if it is already there)."

    def handle(self, *args, **options):
        if seed_demo(timezone.localdate()):
            self.stdout.write("Demo school loaded: Riverside Academy (demo), 650 pupils.")
        else:
            self.stdout.write("Demo school already present; nothing changed.")
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for role, email in DEMO_LOGINS.items():
            self.stdout.write(f"  {role:8} {email}")
