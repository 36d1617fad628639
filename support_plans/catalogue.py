"""The school's catalogue of interventions, read from the provision it has written: one name
for each intervention however it was typed ("Lexia reading programme" is "Lexia Reading
Programme"), offered when provision is written so it is chosen, not retyped, and compared:
how many pupils, what it costs a pupil, and the progress of its pupils at their reviews."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from .costs import cost_in
from .models import OutcomeProgress, PlanState, ProgressScale, Provision


def key_of(name):
    """What makes two spellings one intervention: case and spacing do not count."""
    return " ".join(name.split()).casefold()


def names_at(school):
    """Key -> the spelling the school uses most (the first written, between equals). One
    query."""
    spellings = defaultdict(Counter)
    for what in (
        Provision.objects.filter(plan__pupil__school=school)
        .order_by("pk")
        .values_list("what", flat=True)
    ):
        spellings[key_of(what)][" ".join(what.split())] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in spellings.items()}


def chosen_name(school, typed):
    """The catalogue's spelling of what was typed, or the typed name tidied if it is new."""
    tidy = " ".join(typed.split())
    return names_at(school).get(key_of(tidy), tidy)


@dataclass
class Row:
    name: str
    pupils: set[int] = field(default_factory=set)
    cost: Decimal = Decimal(0)
    ratings: list[int] = field(default_factory=list)

    @property
    def cost_a_pupil(self):
        return (self.cost / len(self.pupils)).quantize(Decimal("0.01")) if self.pupils else None

    @property
    def average_progress(self):
        return sum(self.ratings) / len(self.ratings) if self.ratings else None


def compared(school, period):
    """Each intervention that ran in the period on a plan that is not a draft: its pupils, cost
    a pupil, and the average of the progress ratings (against what was expected) given at the
    reviews of those plans in the period. Three queries."""
    names = names_at(school)
    provisions = (
        Provision.objects.filter(plan__pupil__school=school)
        .exclude(plan__state=PlanState.DRAFT)
        .filter(starts_on__lte=period.end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period.start))
        .select_related("plan")
    )
    rows, plans_of = {}, defaultdict(set)
    for provision in provisions:
        key = key_of(provision.what)
        row = rows.setdefault(key, Row(names[key]))
        row.pupils.add(provision.plan.pupil_id)
        row.cost += cost_in(provision, period)
        plans_of[provision.plan_id].add(key)
    for plan_id, rating in OutcomeProgress.objects.filter(
        review__plan_id__in=list(plans_of),
        review__held_on__gte=period.start,
        review__held_on__lte=period.end,
        scale=ProgressScale.AGAINST_EXPECTED,
    ).values_list("review__plan_id", "rating"):
        for key in plans_of[plan_id]:
            rows[key].ratings.append(rating)
    return sorted(rows.values(), key=lambda row: row.name.casefold())
