"""The disclosure rule for officers' figures: no hidden cell can be worked out from the cells
shown, by any sum of rows, columns and totals."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from census.disclosure import PUBLISHED, SMALL, TOTAL, groups_of, hidden_cells


def table(schools):
    """counts for schools given as dicts of figures, with the total row."""
    counts = {}
    for key, figures in enumerate(schools):
        row = dict.fromkeys(PUBLISHED, 20) | figures
        row["on_roll"] = row["code_e"] + row["code_k"] + row["code_n"]
        counts.update({(key, name): row[name] for name in PUBLISHED})
    for name in PUBLISHED:
        counts[(TOTAL, name)] = sum(counts[(key, name)] for key in range(len(schools)))
    return counts


def rank(rows):
    rows = [r[:] for r in rows]
    found = 0
    for col in range(len(rows[0]) if rows else 0):
        pivot = next((i for i in range(found, len(rows)) if rows[i][col]), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        for i in range(found + 1, len(rows)):
            factor = rows[i][col] / rows[found][col]
            rows[i] = [a - factor * b for a, b in zip(rows[i], rows[found], strict=True)]
        found += 1
    return found


def worked_out(counts, hidden):
    """Hidden cells a reader could work out exactly: those whose unit vector lies in the
    span of the equations the groups give over the hidden cells."""
    unknowns = sorted(hidden, key=str)
    equations = []
    for parts, whole in groups_of(sorted({k for k, _ in counts}, key=str)):
        row = [Fraction(0)] * len(unknowns)
        for cell, sign in [(c, 1) for c in parts] + [(whole, -1)]:
            if cell in hidden:
                row[unknowns.index(cell)] += sign
        if any(row):
            equations.append(row)
    base = rank(equations)
    found = []
    for i, cell in enumerate(unknowns):
        unit = [Fraction(int(j == i)) for j in range(len(unknowns))]
        if rank([*equations, unit]) == base:
            found.append(cell)
    return found


def test_a_small_ehc_count_hides_a_second_cell_in_its_row():
    counts = table([{"code_e": 2, "code_k": 30, "code_n": 100}, {"code_e": 9}])
    hidden = hidden_cells(counts)
    assert (0, "code_e") in hidden
    # on roll - K - N would give E back: one of them is hidden too.
    assert {(0, "code_k"), (0, "code_n"), (0, "on_roll")} & hidden


def test_a_small_count_in_one_school_hides_another_schools_cell_or_the_total():
    counts = table([{"departures": 3}, {"departures": 12}, {"departures": 40}])
    hidden = hidden_cells(counts)
    column = [(0, "departures"), (1, "departures"), (2, "departures"), (TOTAL, "departures")]
    assert (0, "departures") in hidden
    assert sum(cell in hidden for cell in column) >= 2
    assert (1, "departures") in hidden  # the smallest of 5 or more


def test_two_hidden_ones_are_never_left_alone_together():
    # E = 1 and K = 1 hidden, N and on roll shown: E + K = 2 would make both 1.
    counts = table([{"code_e": 1, "code_k": 1, "code_n": 40}, {"code_e": 7, "code_k": 9}])
    hidden = hidden_cells(counts)
    row = [(0, "code_e"), (0, "code_k"), (0, "code_n"), (0, "on_roll")]
    assert sum(counts[c] for c in row if c in hidden) > sum(c in hidden for c in row)


def test_a_table_with_nothing_small_hides_nothing():
    assert hidden_cells(table([{"code_e": 8}, {"code_e": 12}])) == set()


SCHOOL = st.fixed_dictionaries({name: st.integers(0, 14) for name in PUBLISHED})


@settings(max_examples=300, deadline=None)
@given(st.lists(SCHOOL, min_size=1, max_size=6))
def test_no_hidden_cell_can_be_worked_out_from_the_shown_ones(schools):
    counts = table(schools)
    hidden = hidden_cells(counts)
    for cell, n in counts.items():
        if 0 < n < SMALL:
            assert cell in hidden, cell
    assert worked_out(counts, hidden) == []
    for parts, whole in groups_of(sorted({k for k, _ in counts}, key=str)):
        held = [c for c in [*parts, whole] if c in hidden]
        assert len(held) != 1
        if held:
            assert sum(counts[c] for c in held) > len(held) or len(held) == len(parts) + 1
