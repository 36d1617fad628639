import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to a file while the register keeps running (SQLite's online "
        "backup). For PostgreSQL use pg_dump: see docs/operating.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Path of the backup file to write")

    def handle(self, *args, out, **options):
        if connection.vendor != "sqlite":
            raise CommandError(
                f"The database is {connection.vendor}; back it up with pg_dump "
                "(see docs/operating.md)."
            )
        path = Path(out)
        if path.exists():
            raise CommandError(f"--out: {out} already exists; choose a new file name.")
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        self.stdout.write(f"Backed up the database to {out}.")
