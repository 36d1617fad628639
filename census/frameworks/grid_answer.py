"""What a framework's rules are given and give back: a pupil's current assessments on the
grid (strand slug -> Assessment, as census.derivation reads them) in, a GridAnswer out. Kept
apart from the engine so that a rules module needs nothing but this."""

from dataclasses import dataclass


@dataclass(frozen=True)
class GridAnswer:
    """The code the grid alone gives (K or N), the rule that gave it in plain words, the
    highest current level, and whether it is the case the framework's guidance asks the SENCO
    to look at again."""

    code: str
    basis: str
    highest: int | None
    unclear: bool = False


def highest_level(current):
    """The highest current level over every strand; None when never assessed."""
    return max((a.level for a in current.values()), default=None)


def strand_names_at(current, level):
    """The names of the strands at `level`, in the grid's order."""
    strands = sorted(
        (a.strand for a in current.values() if a.level == level), key=lambda s: s.position
    )
    return ", ".join(s.name for s in strands)


def area_levels(current):
    """Broad area slug -> the highest current level of its strands."""
    levels: dict[str, int] = {}
    for assessment in current.values():
        area = assessment.strand.area
        levels[area] = max(assessment.level, levels.get(area, 0))
    return levels


NOT_ASSESSED = GridAnswer("N", "no assessment on the grid", None)
