from django.core.management.base import BaseCommand
from django.utils import timezone

from data_protection.retention import past_retention
from pupils.models import Pupil
from sen_register.core.spreadsheet import csv_write


class Command(BaseCommand):
    help = (
        "List the pupils whose SEN records are past the retention period (date of birth + "
        "SEN_RETENTION_YEARS_FROM_BIRTH, 31 by default), as CSV, for a person to decide on. "
        "Nothing is deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--school", help="URN of one school (default: every school)")

    def handle(self, *args, school=None, **options):
        pupils = Pupil.objects.all()
        if school:
            pupils = pupils.filter(school__urn=school.strip())
        rows = past_retention(pupils, timezone.localdate())
        csv_write(
            self.stdout,
            [
                "school_urn",
                "upn",
                "legal_surname",
                "legal_forename",
                "date_of_birth",
                "retention_ended_on",
                "left_on",
            ],
            (
                [
                    pupil.school.urn,
                    pupil.upn,
                    pupil.legal_surname,
                    pupil.legal_forename,
                    pupil.date_of_birth,
                    ended,
                    pupil.left_on or "",
                ]
                for pupil, ended in rows
            ),
        )
        self.stderr.write(f"{len(rows)} pupil(s) past retention. Nothing has been deleted.")
