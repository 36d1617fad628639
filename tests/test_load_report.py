"""The load benchmark's verdict (tests/benchmarks/load_report.py): each page judged on the
median of its rounds, each round's share taken of the floor measured just before it."""

from tests.benchmarks.load_report import FLOOR, Result, judged, missed, table

SMALL, LARGE = "650 pupils", "10,000 pupils"


def measured(school, page, *pairs):
    """One Result a round: (the page's requests/s, the floor's just before)."""
    return [
        Result(school, page, per_second, 100, 200, 0, 5, floor=floor) for per_second, floor in pairs
    ]


def verdict(results):
    return missed(judged(results))


def test_a_page_is_judged_on_its_median_round_not_its_worst():
    results = measured(SMALL, "pupil's record", (38, 100), (45, 100), (42, 100))
    assert verdict(results) == []


def test_a_page_below_its_target_in_most_rounds_misses_it():
    results = measured(SMALL, "pupil's record", (38, 100), (45, 100), (39, 100))
    assert verdict(results) == ["650 pupils, pupil's record: 39% of the floor (< 40%)"]


def test_each_rounds_share_is_of_the_floor_measured_just_before_it():
    # 200/s against a floor of 400 is half; against the other round's 1,000 it would not be.
    results = measured(SMALL, "register", (200, 400), (100, 1000))
    assert judged(results)[0].rounds[0].share == 0.5


def test_the_large_school_is_compared_by_share_so_the_machine_moving_does_not_count():
    # The same share of a floor that fell by a quarter between the schools: flat with size.
    results = [
        *measured(SMALL, "census page", (120, 400)),
        *measured(LARGE, "census page", (90, 300)),
    ]
    assert verdict(results) == []


def test_a_large_school_below_four_fifths_of_the_small_schools_share_misses():
    results = [
        *measured(SMALL, "SENCO home", (200, 400)),
        *measured(LARGE, "SENCO home", (150, 400)),
    ]
    assert verdict(results) == ["10,000 pupils, SENCO home: 75% of its share at 650 pupils (< 80%)"]


def test_errors_in_any_round_and_the_worst_p99_count():
    results = measured(SMALL, "mix", (300, 400), (300, 400))
    results[1].errors, results[0].p99_ms = 2, 1200
    assert verdict(results) == ["650 pupils, mix: 2 errors", "650 pupils, mix: p99 1200 ms"]


def test_the_table_prints_every_rounds_share_beside_the_median():
    results = [
        *measured(SMALL, FLOOR, (400, 400)),
        *measured(SMALL, "pupil's record", (160, 400), (180, 400), (200, 400)),
    ]
    header, floor, record = table(judged(results))
    assert "rounds" in header
    assert "40/45/50%" in record and " 45% " in record
    assert floor.count("%") == 1  # its own 100%: the floor has no rounds of its own to show
