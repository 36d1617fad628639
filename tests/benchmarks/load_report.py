"""The load benchmark's verdict (tests/benchmarks/load.py): its targets, and the table of every
page's figures, each judged on the median of its rounds.

Each measurement of a page follows a measurement of the floor, and its share is of that
floor: on this machine the floor itself moved by a quarter within one run, so a share of a
floor measured minutes earlier says as much about the machine as about the page. Each round
gives every page a share; the median of the rounds is judged, and every round's share is
printed beside it."""

from dataclasses import dataclass
from statistics import median

FLOOR = "floor (layout only)"
SMALL_SCHOOL = "650 pupils"

# Each page's share of the floor's requests/s it must reach, and its share at the large
# school of its share at 650 pupils (flat with the school's size).
SHARE_OF_FLOOR = {
    "register": 0.20,
    "SENCO home": 0.20,
    "census page": 0.20,
    "pupil's record": 0.40,
}
SHARE_AT_SIZE = dict.fromkeys(SHARE_OF_FLOOR, 0.80)
P99_LIMIT_MS = 1000
P99_JUDGED = {*SHARE_OF_FLOOR, "mix"}


@dataclass
class Result:
    """One measurement of one page, and of the floor just before it."""

    school: str
    page: str
    per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    queries: int | None
    floor: float = 0.0  # the floor's requests/s, measured just before

    @property
    def share(self):
        return self.per_second / self.floor


@dataclass
class Judged:
    """A page's rounds taken together: the medians, the worst p99, every error."""

    school: str
    page: str
    rounds: list[Result]

    @property
    def share(self):
        return median(r.share for r in self.rounds)

    @property
    def per_second(self):
        return median(r.per_second for r in self.rounds)

    @property
    def floor(self):
        return median(r.floor for r in self.rounds)

    @property
    def p50_ms(self):
        return median(r.p50_ms for r in self.rounds)

    @property
    def p99_ms(self):
        return max(r.p99_ms for r in self.rounds)

    @property
    def errors(self):
        return sum(r.errors for r in self.rounds)


def judged(results):
    """The measurements grouped by school and page, in the order first measured."""
    grouped: dict[tuple[str, str], list[Result]] = {}
    for r in results:
        grouped.setdefault((r.school, r.page), []).append(r)
    return [Judged(school, page, rounds) for (school, page), rounds in grouped.items()]


def missed(pages):
    """Each target a page missed, in words."""
    small = {p.page: p.share for p in pages if p.school == SMALL_SCHOOL}
    found = []
    for p in pages:
        floor_target = SHARE_OF_FLOOR.get(p.page)
        if floor_target and p.share < floor_target:
            found.append(f"{p.school}, {p.page}: {p.share:.0%} of the floor (< {floor_target:.0%})")
        size_target = SHARE_AT_SIZE.get(p.page) if p.school != SMALL_SCHOOL else None
        if size_target and p.share / small[p.page] < size_target:
            found.append(
                f"{p.school}, {p.page}: {p.share / small[p.page]:.0%} of its share at "
                f"650 pupils (< {size_target:.0%})"
            )
        if p.errors:
            found.append(f"{p.school}, {p.page}: {p.errors} errors")
        if p.p99_ms >= P99_LIMIT_MS and p.page in P99_JUDGED:
            found.append(f"{p.school}, {p.page}: p99 {p.p99_ms:.0f} ms")
    return found


def table(pages):
    """The figures as printed: one line a page, medians of its rounds."""
    small = {p.page: p.share for p in pages if p.school == SMALL_SCHOOL}
    lines = [
        f"{'school':13} {'page':20} {'req/s':>7} {'floor':>7} {'share':>6} {'target':>6}"
        f" {'rounds':>14} {'vs 650':>6} {'target':>6} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'errors':>6} {'queries':>7}"
    ]
    for p in pages:
        at_size = p.share / small[p.page] if p.school != SMALL_SCHOOL else None
        size_target = SHARE_AT_SIZE.get(p.page) if at_size is not None else None
        rounds = "" if p.page == FLOOR else "/".join(f"{r.share:.0%}"[:-1] for r in p.rounds) + "%"
        queries = p.rounds[0].queries
        lines.append(
            f"{p.school:13} {p.page:20} {p.per_second:7.1f} {p.floor:7.1f} {p.share:6.0%}"
            f" {_pct(SHARE_OF_FLOOR.get(p.page))} {rounds:>14} {_pct(at_size)}"
            f" {_pct(size_target)} {p.p50_ms:7.0f} {p.p99_ms:7.0f} {p.errors:6d}"
            f" {'' if queries is None else queries:>7}"
        )
    return lines


def _pct(value):
    return f"{value:6.0%}" if value is not None else " " * 6
