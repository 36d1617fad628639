"""The project's own Python source, for tests that read the code itself (one writer of CSV,
one place that deletes pupils, the size limits)."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PACKAGES = ("sen_register", "pupils", "support_plans", "census", "pages", "demo", "data_protection")


def source_files(*, migrations=True):
    """Every .py file of the project's packages (tests excluded)."""
    for package in PACKAGES:
        for path in sorted((PROJECT / package).rglob("*.py")):
            if migrations or "migrations" not in path.parts:
                yield path
