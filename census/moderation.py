"""Drawing a moderation round: a sample of anonymised cases from an authority's schools under
one framework, weighted towards the schools whose level-2 coding departs most from the
authority's, and the moderators' judgements of them.

Weighting: each school's share of its level-2 pupils coded K is set beside the share across
all the chosen schools; a pupil's chance of being drawn is multiplied by 1 + 4 x the school's
distance from it (a school coding level 2 as K twice as often as the authority, or not at
all, has its cases drawn up to five times as often). Cases come from the pupils on the
register or monitored on the census day: those are the judgements moderation looks at."""

import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q

from pupils.models import LevelTwoCriterion, LevelTwoCriterionKind, NeedAssessment

from .derivation import NONE
from .frameworks import rules_named
from .models import StandingPeriod
from .moderation_models import ModerationCase, ModerationJudgement, ModerationRound

DEPARTURE_WEIGHT = 4  # how much more a school's distance from the authority's share counts
MOST_CASES = 200


@dataclass(frozen=True)
class SchoolSpread:
    school_id: int
    at_level_two: int
    coded_k: int

    @property
    def share(self):
        return self.coded_k / self.at_level_two if self.at_level_two else None


def level_two_spread(school_ids, on):
    """Each school's pupils at level 2 on `on` and how many of them are coded K. One query."""
    rows = (
        StandingPeriod.objects.on(on)
        .on_roll()
        .filter(school_id__in=school_ids, highest_level=2)
        .values("school_id")
        .annotate(at_two=Count("pk"), coded_k=Count("pk", filter=Q(code="K")))
    )
    found = {r["school_id"]: SchoolSpread(r["school_id"], r["at_two"], r["coded_k"]) for r in rows}
    return {pk: found.get(pk, SchoolSpread(pk, 0, 0)) for pk in school_ids}


def school_weights(spread):
    """School id -> how much more likely its cases are drawn (1 to 1 + DEPARTURE_WEIGHT)."""
    at_two = sum(s.at_level_two for s in spread.values())
    overall = sum(s.coded_k for s in spread.values()) / at_two if at_two else 0
    return {
        pk: 1 + DEPARTURE_WEIGHT * abs(s.share - overall) if s.share is not None else 1
        for pk, s in spread.items()
    }


def weighted_sample(candidates, weights, size, rng):
    """`size` of `candidates` (each with a school_id), without replacement, each's chance
    in proportion to its school's weight (keys u^(1/w): the largest `size` are drawn)."""
    keyed = sorted(
        ((rng.random() ** (1 / weights[c["school_id"]]), c["pupil_id"], c) for c in candidates),
        reverse=True,
    )
    return [c for _key, _pk, c in keyed[:size]]


_COPIED = [
    "pupil_id",
    "school_id",
    "code",
    "grid_code",
    "grid_basis",
    "highest_level",
    "decision_code",
    "sen_type_1",
    "sen_type_2",
    "k_without_plan",
]


def draw_round(*, framework, school_ids, on, size, user, seed=None):
    """Draw and keep a ModerationRound of up to `size` cases from `school_ids` (all under
    `framework`) on the census day `on`. Four queries to read, whatever the number of
    pupils, then the writes."""
    seed = random.SystemRandom().randrange(1, 2**31) if seed is None else seed
    standings = (
        StandingPeriod.objects.on(on)
        .on_roll()
        .filter(school_id__in=school_ids)
        .exclude(status=NONE)
        .order_by("pupil_id")
    )
    candidates = list(standings.values(*_COPIED))
    weights = school_weights(level_two_spread(school_ids, on))
    drawn = weighted_sample(candidates, weights, min(size, MOST_CASES), random.Random(seed))
    drawn.sort(key=lambda c: (c["school_id"], c["pupil_id"]))
    random.Random(seed).shuffle(drawn)  # sample ids say nothing of school or pupil order
    levels, criteria = _levels_and_criteria([c["pupil_id"] for c in drawn], on, framework)
    with transaction.atomic():
        moderation = ModerationRound.objects.create(
            framework=framework,
            census_date=on,
            drawn_by=user,
            drawn_by_name=user.get_full_name() or user.email,
            seed=seed,
        )
        moderation.schools.set(school_ids)
        ModerationCase.objects.bulk_create(
            _case(moderation, n, c, levels, criteria) for n, c in enumerate(drawn, start=1)
        )
    return moderation


def _case(moderation, n, copied, levels, criteria):
    pupil_id = copied["pupil_id"]
    return ModerationCase(
        round=moderation,
        sample_id=f"R{moderation.pk}-{n:03d}",
        school_id=copied["school_id"],
        pupil_id=pupil_id,
        code=copied["code"],
        grid_code=copied["grid_code"],
        grid_basis=copied["grid_basis"],
        highest_level=copied["highest_level"],
        levels=levels.get(pupil_id, []),
        criteria=criteria.get(pupil_id, []),
        decision_code=copied["decision_code"],
        sen_type_1=copied["sen_type_1"],
        sen_type_2=copied["sen_type_2"],
        support_plan=not copied["k_without_plan"] if copied["code"] == "K" else False,
    )


def _levels_and_criteria(pupil_ids, on, framework):
    """Pupil id -> [[strand, level]] current on `on` on the framework's grid, in its order;
    pupil id -> the level-2 reasons holding, in words, where its rules take them. Two
    queries at most."""
    levels: dict[int, list] = {}
    current = (
        NeedAssessment.objects.current_on(on)
        .filter(pupil_id__in=pupil_ids, strand__framework=framework)
        .order_by("pupil_id", "strand__position")
        .values_list("pupil_id", "strand__name", "level")
    )
    for pupil_id, strand, level in current:
        levels.setdefault(pupil_id, []).append([strand, level])
    criteria: dict[int, list] = {}
    if not rules_named(framework.rules).USES_LEVEL_TWO_CRITERIA:
        return levels, criteria
    holding = LevelTwoCriterion.objects.in_force_on(on).filter(pupil_id__in=pupil_ids)
    for pupil_id, slug in holding.order_by("pupil_id", "criterion").values_list(
        "pupil_id", "criterion"
    ):
        criteria.setdefault(pupil_id, []).append(str(LevelTwoCriterionKind(slug).label))
    return levels, criteria


def judge(case, *, agrees, note, user):
    """Append a moderator's judgement of a case; the latest stands."""
    return ModerationJudgement.objects.create(
        case=case,
        agrees=agrees,
        note=note,
        moderator=user,
        moderator_name=user.get_full_name() or user.email,
    )
