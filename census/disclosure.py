"""Disclosure control for the figures officers see (docs/security.md, "Officers' figures").
One rule, here only; the officer's table and the officer's school page both publish through
it.

A table has a row per school and a total row; its cells are counts of pupils. Some cells add
up: in each row E + K + N = on roll, and in each column the schools add up to the total. The
rule:

1. A count of 1 to 4 is hidden (0 is shown: it describes no child).
2. In every group of cells that add up, hidden cells are never alone: a group with one hidden
   cell has another hidden with it, the smallest of 5 or more (else the smallest above 0, else
   any), so no subtraction gives it back. Nor may the hidden cells of a group all be 1s (two
   cells known to add up to 2 are both 1): another is hidden then too.
3. Hiding spreads (a cell hidden for its row joins its column's group), so 2 is applied until
   nothing changes; then the remaining equations are solved for the hidden cells, and any
   cell they would still pin down exactly has a neighbour hidden too, and so on.

Every hidden cell looks the same, so a reader cannot tell a small count from one hidden to
protect it. Shares are shown only where both their counts are.
"""

from fractions import Fraction

SMALL = 5
TOTAL = "total"

# What the table publishes of each school, and how a row's cells add up.
PUBLISHED = [
    "on_roll",
    "code_e",
    "code_k",
    "code_n",
    "level_2",
    "level_2_coded_k",
    "level_3_plus",
    "level_3_plus_not_k_or_e",
    "departures",
    "k_without_plan",
]
ROW_PARTS, ROW_WHOLE = ("code_e", "code_k", "code_n"), "on_roll"


def groups_of(keys):
    """Each group of cells that add up, as (parts, whole)."""
    groups = [([(key, part) for part in ROW_PARTS], (key, ROW_WHOLE)) for key in keys]
    schools = [key for key in keys if key != TOTAL]
    groups += [([(key, name) for key in schools], (TOTAL, name)) for name in PUBLISHED]
    return groups


def hidden_cells(counts, groups=None):
    """The cells to hide: `counts` maps (row key, figure) to a count, for every school's row
    and the TOTAL row. `groups`: the cells that add up, as (parts, whole), when they are not
    the officer's table's (`groups_of`)."""
    keys = sorted({key for key, _ in counts}, key=str)
    groups = groups_of(keys) if groups is None else groups
    hidden = {cell for cell, n in counts.items() if 0 < n < SMALL}
    while True:
        _spread(groups, counts, hidden)
        pinned = _pinned(groups, counts, hidden)
        if not pinned:
            return hidden
        for cell in pinned:
            for parts, whole in groups:
                if cell in parts or cell == whole:
                    _hide_one_more(parts + [whole], counts, hidden)


def _spread(groups, counts, hidden):
    changed = True
    while changed:
        changed = False
        for parts, whole in groups:
            members = parts + [whole]
            held = [c for c in members if c in hidden]
            if held and (len(held) == 1 or sum(counts[c] for c in held) <= len(held)):
                changed |= _hide_one_more(members, counts, hidden)


def _hide_one_more(members, counts, hidden):
    shown = [c for c in members if c not in hidden]
    if not shown:
        return False
    choice = min(
        shown,
        key=lambda c: (counts[c] < SMALL, counts[c] == 0, counts[c], str(c)),
    )
    hidden.add(choice)
    return True


def _pinned(groups, counts, hidden):
    """Hidden cells whose value the groups' equations fix, given every shown cell."""
    unknowns = sorted(hidden, key=str)
    index = {cell: i for i, cell in enumerate(unknowns)}
    rows = []
    for parts, whole in groups:
        members = [(c, 1) for c in parts] + [(whole, -1)]
        row = [Fraction(0)] * len(unknowns)
        if not any(c in index for c, _ in members):
            continue
        for cell, sign in members:
            if cell in index:
                row[index[cell]] += sign
        rows.append(row)
    return [unknowns[i] for i in _determined(rows, len(unknowns))]


def _determined(rows, width):
    """Columns of a linear system fixed by it: after reduction to row echelon form, those
    whose pivot row holds no other unknown."""
    rows = [r[:] for r in rows]
    pivots = []
    r = 0
    for col in range(width):
        pivot = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][col]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                factor = rows[i][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append((r, col))
        r += 1
    return [col for row, col in pivots if sum(1 for v in rows[row] if v != 0) == 1]
