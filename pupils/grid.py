"""Reading the support grid of a school's framework, and current levels of pupils on a date, in
a fixed number of queries."""

from collections import Counter

from .models import LevelDescriptor, NeedAssessment, Strand, StrandDescriptor


def descriptors(school):
    """Level number -> LevelDescriptor of the school's framework, for showing a level's
    meaning beside it. One query."""
    return {d.level: d for d in LevelDescriptor.objects.of(school)}


def meanings_of_grids(assessments, school_meanings):
    """(framework id, level) -> LevelDescriptor for every grid `assessments` were made on:
    the school's own (`school_meanings`, from `descriptors`) and, for a pupil assessed on a
    grid their school has since left (the school moved to another framework), that grid's
    too. A query only then."""
    found = {(d.framework_id, d.level): d for d in school_meanings.values()}
    others = {a.strand.framework_id for a in assessments} - {key[0] for key in found}
    if others:
        rows = LevelDescriptor.objects.filter(framework_id__in=others)
        found |= {(d.framework_id, d.level): d for d in rows}
    return found


def meaning_of(assessment, meanings):
    """What the assessment's level means on the grid it was made on (`meanings_of_grids`);
    None where that grid gives the level no meaning."""
    return meanings.get((assessment.strand.framework_id, assessment.level))


def strand_descriptors(school):
    """(strand id, level) -> what that level means on that strand of the school's framework.
    One query."""
    rows = StrandDescriptor.objects.filter(strand__in=Strand.objects.of(school)).order_by()
    return {(d.strand_id, d.level): d.text for d in rows}


def highest_levels(pupil_ids, on):
    """Pupil id -> highest current level over all strands on `on` (pupils never assessed by
    then are absent). One query whatever the number of pupils."""
    rows = NeedAssessment.objects.current_on(on).filter(pupil_id__in=pupil_ids)
    highest = {}
    for pupil_id, level in rows.values_list("pupil_id", "level"):
        highest[pupil_id] = max(level, highest.get(pupil_id, 0))
    return highest


def level_counts(pupils, on):
    """How many of `pupils` have each highest current level on `on`; key 0 is "not assessed"."""
    pupil_ids = list(pupils.values_list("id", flat=True))
    highest = highest_levels(pupil_ids, on)
    counts = Counter(highest.values())
    counts[0] = len(pupil_ids) - len(highest)
    return {level: counts.get(level, 0) for level in range(6)}
