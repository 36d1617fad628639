import getpass

from django.core.management.base import BaseCommand
from django.utils import timezone

from data_protection.retention import erase_pupils, past_retention, retention_years
from pupils.models import Pupil
from sen_register.core.command_args import school_by_urn


class Command(BaseCommand):
    help = (
        "Erase the SEN records of one school's pupils past the retention period (date of "
        "birth + SEN_RETENTION_YEARS_FROM_BIRTH), after the retention report has been checked. "
        "Without --confirm it only says what it would erase. The erasure itself is recorded (when, "
        "by whom, how many), never whom it was about."
    )

    def add_arguments(self, parser):
        parser.add_argument("--school", required=True, help="URN of the school")
        parser.add_argument(
            "--confirm", action="store_true", help="Erase them (without it, nothing changes)"
        )

    def handle(self, *args, school, confirm, **options):
        found = school_by_urn(school)
        due = [
            pupil
            for pupil, _turned in past_retention(
                Pupil.objects.filter(school=found), timezone.localdate()
            )
        ]
        if not due:
            self.stdout.write(f"No pupil of {found.name} is past the retention period.")
            return
        if not confirm:
            self.stdout.write(
                f"{len(due)} pupil(s) of {found.name} are past the retention period. Nothing "
                "has been erased: check the retention report, then run again with --confirm."
            )
            return
        record = erase_pupils(
            due,
            school=found,
            reason=f"Past the retention period (date of birth + {retention_years()} years)",
            run_by=getpass.getuser(),
        )
        self.stdout.write(
            f"Erased the records of {record.pupils_erased} pupil(s) of {found.name}; "
            "the erasure is recorded."
        )
