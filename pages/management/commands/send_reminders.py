import os

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pages.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email each SENCO what is due or overdue today, and ask parents for their views two "
        "weeks before a review. Run once a day; running it again sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=os.environ.get("SEN_REGISTER_BASE_URL", ""),
            help="The register's address for links in the emails, e.g. "
            "https://sen.example.org (default: SEN_REGISTER_BASE_URL)",
        )

    def handle(self, *args, base_url, **options):
        if not base_url.startswith(("http://", "https://")):
            raise CommandError(
                "--base-url: give the register's address, e.g. https://sen.example.org, or set "
                "SEN_REGISTER_BASE_URL, so the emails' links lead somewhere."
            )
        sent = send_reminders(timezone.localdate(), base_url.rstrip("/"), timezone.now())
        self.stdout.write(
            f"Sent {sent.digests} SENCO digest(s) and {sent.parent_requests} request(s) for "
            "parents' views."
        )
