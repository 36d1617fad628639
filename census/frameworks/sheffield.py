"""Sheffield's rules, from the city's K-code guidance (docs/census-engine.md): level 3 or
above on any strand is SEN support; level 2 is SEN support only with a recorded reason from
the guidance's list (or needs across two broad areas), and without one it is the unclear
case the SENCO is asked to look at; level 1 is not."""

from pupils.models import LevelTwoCriterionKind

from .grid_answer import NOT_ASSESSED, GridAnswer, area_levels, highest_level, strand_names_at

NAME = "Sheffield K-code guidance"
USES_LEVEL_TWO_CRITERIA = True

# The guidance's order, used whenever criteria are named together.
CRITERIA_ORDER = ["medical", "multiple_areas", "gap_not_narrowing", "long_term", "transition"]


def criterion_name(slug):
    """A criterion as the basis names it: its meaning in words, never its slug."""
    label = LevelTwoCriterionKind(slug).label
    return label[0].lower() + label[1:]


def named_criteria(recorded, areas_at_two):
    """The level-2 criteria holding, in the guidance's order: those recorded, plus
    `multiple_areas` by itself when two or more *broad areas* (not strands) are at level 2 or
    above."""
    holding = set(recorded)
    if areas_at_two >= 2:
        holding.add("multiple_areas")
    return [slug for slug in CRITERIA_ORDER if slug in holding]


def grid_wording(highest, where, criteria):
    """The code and basis from the highest current level, the names of the strands at it and
    the level-2 criteria holding."""
    if highest >= 3:
        return "K", f"level {highest} in {where}"
    if highest == 2:
        if criteria:
            named = "; ".join(criterion_name(slug) for slug in criteria)
            return "K", f"level 2 with {'criteria' if len(criteria) > 1 else 'criterion'}: {named}"
        return "N", "level 2, no criteria recorded"
    return "N", f"level 1 in {where}"


def grid_code(current, recorded_criteria):
    """The GridAnswer for a pupil's current assessments and the criteria recorded and
    holding."""
    highest = highest_level(current)
    if highest is None:
        return NOT_ASSESSED
    criteria = []
    if highest == 2:
        at_two = sum(1 for level in area_levels(current).values() if level >= 2)
        criteria = named_criteria(recorded_criteria, at_two)
    code, basis = grid_wording(highest, strand_names_at(current, highest), criteria)
    return GridAnswer(code, basis, highest, unclear=highest == 2 and code == "N")
