"""The rule sets of the frameworks, by the name a Framework row gives (`rules`).

A rule set is one small module with:
- `NAME`, how people call it;
- `USES_LEVEL_TWO_CRITERIA`, whether the level-2 reasons are part of it (the record offers
  them only then);
- `grid_code(current, recorded_criteria)`, the GridAnswer (census.frameworks.grid_answer) the
  grid alone gives from a pupil's current assessments and the level-2 reasons recorded and
  holding.

The engine (census.derivation) asks it and settles the rest the same way for every
framework: an EHC plan in force gives E, and a SENCO decision in force replaces the grid's K
or N. docs/frameworks.md says how an authority adds its own."""

from types import ModuleType

from . import buckinghamshire, sheffield

RULE_SETS: dict[str, ModuleType] = {
    "sheffield": sheffield,
    "buckinghamshire": buckinghamshire,
}

# The rules of a school whose authority's framework says no other: Sheffield's, the first.
DEFAULT_RULES = "sheffield"


def rules_named(name):
    """The rules module registered under `name` (KeyError, naming it, if none is)."""
    try:
        return RULE_SETS[name]
    except KeyError:
        raise KeyError(f"no rule set is registered as {name!r} (census.frameworks)") from None
