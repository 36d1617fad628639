"""The benchmark table: every benchmark reports its figure, its floor measured in the same run
on the same machine, the ratio, the page's query count and peak memory where they matter.
`make bench` prints the table at the end."""

import resource
from dataclasses import dataclass

import pytest


@dataclass
class Figure:
    name: str
    seconds: float
    floor_name: str = ""
    floor_seconds: float | None = None
    queries: int | None = None
    peak_mib: float | None = None
    target: float | None = None  # the ratio the figure should stay within

    @property
    def ratio(self):
        return self.seconds / self.floor_seconds if self.floor_seconds else None


TABLE = []


@pytest.fixture
def record():
    def add(name, seconds, **details):
        TABLE.append(Figure(name, seconds, **details))

    return add


def analyze(connection):
    """Give PostgreSQL's planner statistics of the rows a benchmark just wrote. A test's rows
    are never committed, so autovacuum never sees them and every plan would be made for empty
    tables (a deployment's tables are analysed as they fill)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pytest_terminal_summary(terminalreporter):
    if not TABLE:
        return
    write = terminalreporter.write_line
    write("")
    header = (
        f"{'seconds':>8} {'floor':>8} {'ratio':>7} {'target':>7} {'queries':>7} {'peak MiB':>8}"
    )
    width = max(len(f.name) for f in TABLE)
    write(f"{'measure':{width}} {header}")
    for f in TABLE:
        floor = f"{f.floor_seconds:8.3f}" if f.floor_seconds is not None else " " * 8
        ratio = f"{f.ratio:6.1f}x" if f.ratio is not None else " " * 7
        target = f"{f.target:6.1f}x" if f.target is not None else " " * 7
        queries = f"{f.queries:7d}" if f.queries is not None else " " * 7
        peak = f"{f.peak_mib:8.0f}" if f.peak_mib is not None else " " * 8
        write(f"{f.name:{width}} {f.seconds:8.3f} {floor} {ratio} {target} {queries} {peak}")
    write(
        "floors: " + "; ".join(sorted({f"{f.name}: {f.floor_name}" for f in TABLE if f.floor_name}))
    )
