"""Reading the support grid: current levels of pupils on a date, in a fixed number of queries."""

from collections import Counter

from .models import LevelDescriptor, NeedAssessment, StrandDescriptor


def descriptors():
    """Level number -> LevelDescriptor, for showing a level's meaning beside it."""
    return {d.level: d for d in LevelDescriptor.objects.all()}


def strand_descriptors():
    """(strand id, level) -> what that level means on that strand. One query."""
    return {(d.strand_id, d.level): d.text for d in StrandDescriptor.objects.order_by()}


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
