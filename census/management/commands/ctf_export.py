import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from census.transfers import destination_ref, logged_as, write_leaving_ctf
from pupils.models import Pupil
from sen_register.core.audit import log_command_export
from sen_register.core.command_args import school_by_urn


class Command(BaseCommand):
    help = (
        "Write a Common Transfer File (docs/ctf.md) of leaving pupils' basic details and SEN "
        "history, named as the DfE's specification says, and print its path."
    )

    def add_arguments(self, parser):
        parser.add_argument("--school", required=True, help="URN of the school they leave")
        parser.add_argument(
            "--upn", action="append", required=True, help="A leaving pupil's UPN (repeat)"
        )
        parser.add_argument(
            "--to", default="", help="LAESTAB of the school they join (default: not known)"
        )
        parser.add_argument("--dir", default=".", help="Folder to write the file in")

    def handle(self, *args, school, upn, to, dir, **options):
        found = school_by_urn(school)
        if not found.laestab:
            raise CommandError(f"{found.name} has no LAESTAB; a CTF is named by it. Set it first.")
        if to and not re.fullmatch(r"\d{7}", to.strip()):
            raise CommandError(f"--to: {to!r} is not a LAESTAB (seven digits).")
        upns = [u.strip().upper() for u in upn]
        pupils = list(Pupil.objects.filter(school=found, upn__in=upns))
        missing = sorted(set(upns) - {p.upn for p in pupils})
        if missing:
            raise CommandError(f"--upn: not a pupil of {found.name}: {', '.join(missing)}.")
        folder = Path(dir)
        if not folder.is_dir():
            raise CommandError(f"--dir: {dir} is not a folder.")
        name, body = write_leaving_ctf(found, pupils, destination=destination_ref(to))
        for pupil in pupils:
            log_command_export(what=logged_as(name), school=found, pupil=pupil)
        (folder / name).write_bytes(body)
        self.stdout.write(str(folder / name))
