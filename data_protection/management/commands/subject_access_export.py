from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from data_protection.subject_access import subject_access_zip
from pupils.models import Pupil
from sen_register.core.audit import log_command_export


class Command(BaseCommand):
    help = (
        "Write a ZIP of everything held about one pupil (records as JSON with their history "
        "and access log, every plan as a PDF, the evidence pack) for a subject access request."
    )

    def add_arguments(self, parser):
        parser.add_argument("--school", required=True, help="URN of the school")
        parser.add_argument("--upn", required=True)
        parser.add_argument("--out", required=True, help="Path of the ZIP file to write")

    def handle(self, *args, school, upn, out, **options):
        pupil = Pupil.objects.filter(school__urn=school.strip(), upn=upn.strip().upper()).first()
        if pupil is None:
            raise CommandError(f"No pupil with UPN {upn!r} at the school with URN {school!r}.")
        path = Path(out)
        if path.exists():
            raise CommandError(f"--out: {out} already exists; choose a new file name.")
        if not path.parent.is_dir():
            raise CommandError(f"--out: the folder {path.parent} does not exist.")
        path.write_bytes(subject_access_zip(pupil))
        log_command_export(what="subject access export", school=pupil.school, pupil=pupil)
        self.stdout.write(f"Wrote {out}: everything held about {pupil.upn}.")
