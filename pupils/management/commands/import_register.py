from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pupils.register_file import RegisterFileError
from pupils.register_import import RegisterImport
from sen_register.core.command_args import school_by_urn


class Command(BaseCommand):
    help = (
        "Import a school's register from a UTF-8 CSV (docs/formats.md lists the columns). The "
        "whole file is checked first; any error means nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("--school", required=True, help="URN of the school")
        parser.add_argument("file", help="Path to the CSV file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing"
        )

    def handle(self, *args, school, file, dry_run, **options):
        found = school_by_urn(school)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        try:
            summary = RegisterImport(found, path.read_bytes()).run(dry_run=dry_run)
        except RegisterFileError as failure:
            for line in failure.errors:
                self.stderr.write(line)
            raise CommandError(
                f"{len(failure.errors)} error{'s' if len(failure.errors) != 1 else ''} in "
                f"{file}; nothing was written."
            ) from None
        heading = "Dry run, nothing written" if dry_run else "Imported"
        self.stdout.write(f"{heading}: {file} for {found.name} ({found.urn})")
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        for heading, name in summary.columns_read:
            self.stdout.write(f"  column {heading!r} read as {name}")
