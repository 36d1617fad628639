"""Counts for the census page: pupils by code, and need types of pupils at K and E."""

from collections import Counter

CODES = ["E", "K", "N"]


def code_counts(counted):
    """[(code, count, share)] in the order E, K, N, from a mapping of code -> count."""
    total = sum(counted.values())
    return [
        (code, counted.get(code, 0), counted.get(code, 0) / total if total else 0) for code in CODES
    ]


def need_type_counts(rows):
    """[(need type, pupils with it as primary need, as secondary)] for pupils at K or E, from
    their standings."""
    primary: Counter[str] = Counter()
    secondary: Counter[str] = Counter()
    for row in rows:
        if row.code in ("K", "E"):
            primary[row.sen_type_1] += 1
            secondary[row.sen_type_2] += 1
    del primary[""], secondary[""]
    return [(code, primary[code], secondary[code]) for code in sorted(primary | secondary)]
