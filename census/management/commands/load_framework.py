from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from census.framework_files import FrameworkFileError, load_framework, read_framework
from sen_register.core.models import AuthorityKind


class Command(BaseCommand):
    help = (
        "Load an authority's framework (its support grid, and the name of its rule set) from "
        "a JSON file (docs/frameworks.md), or reword one already loaded. The whole file is "
        "checked first; any problem means nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the framework file (.json)")
        parser.add_argument(
            "--authority", help="Put this authority (by name; made if new) on the framework"
        )
        parser.add_argument(
            "--kind",
            choices=AuthorityKind.values,
            default=AuthorityKind.LA,
            help="What kind of authority a new one is (default: la)",
        )

    def handle(self, *args, file, authority, kind, **options):
        try:
            raw = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            framework = load_framework(read_framework(raw), authority=authority, kind=kind)
        except FrameworkFileError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Loaded the {framework.name} framework ({framework.top_level} levels, rule set "
            f'"{framework.rules}").'
        )
        if authority:
            self.stdout.write(f"{authority} uses it.")
