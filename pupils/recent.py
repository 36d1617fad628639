"""Which pupils changed since a moment, read from the change history every write keeps (the
pupil's details and each kind of SEN record), so nothing extra is recorded to answer it. The
register uses it to show what an import changed."""

from django.db.models import Q

from .models import EHCPlan, LevelTwoCriterion, NeedAssessment, Pupil, SencoDecision, SENNeed

RECORDS = [NeedAssessment, LevelTwoCriterion, SencoDecision, SENNeed, EHCPlan]


def changed_since(when):
    """A condition on pupils: their details or any SEN record were added or changed at or
    after `when`. One subquery per kind of record, in the one query that uses it."""
    condition = Q(pk__in=Pupil.history.filter(history_date__gte=when).values("id"))
    for model in RECORDS:
        changed = model.history.filter(history_date__gte=when).values("pupil_id")
        condition |= Q(pk__in=changed)
    return condition
