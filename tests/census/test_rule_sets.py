"""What every registered rule set (census.frameworks.RULE_SETS) must do, whoever wrote it:
an authority's new rules module passes these before it is registered (docs/frameworks.md)."""

import itertools
from datetime import date

import pytest

from census.derivation import Assessment, StrandInfo
from census.frameworks import RULE_SETS, rules_named
from census.frameworks.grid_answer import GridAnswer

AUTUMN = date(2025, 10, 2)
STRANDS = [
    StrandInfo("first", "First strand", "area_one", 1),
    StrandInfo("second", "Second strand", "area_two", 2),
]
RULES = sorted(RULE_SETS)


def current(*levels):
    return {
        strand.slug: Assessment(strand, level, AUTUMN, n)
        for n, (strand, level) in enumerate(zip(STRANDS, levels, strict=False), start=1)
        if level
    }


@pytest.mark.parametrize("name", RULES)
def test_a_rule_set_names_itself_and_says_whether_it_takes_level_two_reasons(name):
    rules = rules_named(name)
    assert isinstance(rules.NAME, str) and rules.NAME
    assert rules.USES_LEVEL_TWO_CRITERIA in (True, False)


@pytest.mark.parametrize("name", RULES)
def test_no_assessment_is_no_sen_provision(name):
    assert rules_named(name).grid_code({}, frozenset()) == GridAnswer(
        "N", "no assessment on the grid", None
    )


@pytest.mark.parametrize("name", RULES)
@pytest.mark.parametrize("levels", list(itertools.product(range(6), repeat=2)))
def test_the_grid_alone_gives_k_or_n_with_a_basis_and_the_highest_level(name, levels):
    # E is an EHC plan in force, settled by the engine before any grid is asked.
    assessed = current(*levels)
    for criteria in (frozenset(), frozenset({"medical"})):
        answer = rules_named(name).grid_code(assessed, criteria)
        assert answer.code in ("K", "N")
        assert answer.basis.strip()
        assert answer.highest == (max(levels) or None)


@pytest.mark.parametrize("name", RULES)
def test_more_need_never_gives_less_support(name):
    rules = rules_named(name)
    codes = [rules.grid_code(current(level), frozenset()).code for level in range(1, 6)]
    assert codes == sorted(codes, key=lambda code: code == "K")


def test_an_unknown_rule_set_is_named_in_the_error():
    with pytest.raises(KeyError, match="no rule set is registered as 'elsewhere'"):
        rules_named("elsewhere")
