"""Values kept in the process: bounded by their number and, when weighed, by their weight
in all, the least recently used dropped first."""

from sen_register.core.kept import Kept


def made(log, value):
    def make():
        log.append(value)
        return value

    return make


def test_the_least_recently_used_value_goes_first():
    kept, log = Kept(2), []
    kept.get("a", made(log, "A"))
    kept.get("b", made(log, "B"))
    kept.get("a", made(log, "A"))  # used again: "b" is now the oldest
    kept.get("c", made(log, "C"))
    kept.get("a", made(log, "A"))
    kept.get("b", made(log, "B"))
    assert log == ["A", "B", "C", "B"]


def test_weighed_values_are_kept_within_their_weight_in_all():
    kept, log = Kept(10, weigh=len, most=10), []
    kept.get("a", made(log, "x" * 4))
    kept.get("b", made(log, "y" * 4))
    kept.get("c", made(log, "z" * 4))  # 12 > 10: the oldest goes
    assert kept.weight == 8 and len(kept) == 2
    kept.get("a", made(log, "x" * 4))
    assert log == ["xxxx", "yyyy", "zzzz", "xxxx"]


def test_a_value_heavier_than_all_allowed_is_given_and_not_kept():
    kept, log = Kept(10, weigh=len, most=10), []
    kept.get("small", made(log, "s"))
    assert kept.get("huge", made(log, "h" * 11)) == "h" * 11
    kept.get("huge", made(log, "h" * 11))
    kept.get("small", made(log, "s"))
    assert log == ["s", "h" * 11, "h" * 11]
    assert kept.weight == 1


def test_clearing_forgets_the_weight():
    kept = Kept(10, weigh=len, most=10)
    kept.get("a", lambda: "xyz")
    kept.clear()
    assert len(kept) == 0 and kept.weight == 0
