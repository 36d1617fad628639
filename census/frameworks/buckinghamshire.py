"""Buckinghamshire's rules, from the council's SEN support guidance (docs/frameworks.md):
four bands of support, assessed in each broad area of need. Universal support (band 1) and a
record of concern (band 2) are not SEN support; SEN support (band 3) is; the EHC band (4)
describes needs met by statutory provision. The census's E is an EHC plan in force, which the
engine settles before the grid is asked, so a pupil in the EHC band without a plan yet is at
SEN support until one is issued. No level-2 reasons: a record of concern is never coded K."""

from .grid_answer import NOT_ASSESSED, GridAnswer, highest_level, strand_names_at

NAME = "Buckinghamshire SEN support bands"
USES_LEVEL_TWO_CRITERIA = False

UNIVERSAL, CONCERN, SEN_SUPPORT, EHC = 1, 2, 3, 4
BANDS = {
    UNIVERSAL: "universal support",
    CONCERN: "record of concern",
    SEN_SUPPORT: "SEN support",
    EHC: "EHC band",
}


def grid_code(current, recorded_criteria):
    """The GridAnswer for a pupil's current bands. `recorded_criteria` are not part of these
    rules and change nothing."""
    highest = highest_level(current)
    if highest is None:
        return NOT_ASSESSED
    where = strand_names_at(current, highest)
    if highest >= EHC:
        return GridAnswer("K", f"EHC band in {where}, no EHC plan in force", highest)
    if highest == SEN_SUPPORT:
        return GridAnswer("K", f"SEN support in {where}", highest)
    return GridAnswer("N", f"{BANDS[highest]} in {where}", highest)
