from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from census.ctf_format import CTFError
from census.transfers import ctf_import
from sen_register.core.command_args import school_by_urn


class Command(BaseCommand):
    help = (
        "Bring joining pupils' SEN history in from a Common Transfer File (docs/ctf.md). The "
        "whole file is checked first; any problem means nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("--school", required=True, help="URN of the school they join")
        parser.add_argument("file", help="Path to the CTF (.xml)")
        parser.add_argument(
            "--joined",
            help="The day new pupils join, YYYY-MM-DD (default: today)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing"
        )

    def handle(self, *args, school, file, joined, dry_run, **options):
        found = school_by_urn(school)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        try:
            joined_on = date.fromisoformat(joined) if joined else timezone.localdate()
        except ValueError:
            raise CommandError(f"--joined: {joined!r} is not a date in YYYY-MM-DD form.") from None
        try:
            summary = ctf_import(
                school=found,
                raw=path.read_bytes(),
                name=path.name,
                joined_on=joined_on,
                dry_run=dry_run,
            )
        except CTFError as refused:
            for line in refused.problems:
                self.stderr.write(line)
            count = len(refused.problems)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} in {file}; nothing was written."
            ) from None
        heading = "Dry run, nothing written" if dry_run else "Imported"
        self.stdout.write(f"{heading}: {file} for {found.name} ({found.urn})")
        for line in summary.lines():
            self.stdout.write(f"  {line}")
