"""Pupils with random histories across two schools: every rule of the derivation gets
exercised, including ties (two assessments of one strand on one day, two decisions, two EHC
plans issued together) and pupils joining or leaving on the day. The database's answers are
held to the rules, read afresh for the day (census.derivation.standing_on), over these."""

import datetime
import random

import pytest

from census.derivation import standing_on
from census.keeping import load_records
from pupils.changes import batched
from pupils.models import LevelTwoCriterionKind, NeedType, Strand
from support_plans.models import SupportPlan
from tests.factories import (
    EHCPlanFactory,
    LevelTwoCriterionFactory,
    NeedAssessmentFactory,
    PupilFactory,
    SchoolFactory,
    SencoDecisionFactory,
    SENNeedFactory,
)

DAYS = [datetime.date(2025, 10, 2), datetime.date(2026, 1, 15), datetime.date(2026, 5, 21)]


@pytest.fixture
def random_schools(db):
    """Two schools of pupils with random histories: every rule gets exercised. Written in one
    batch, as the import writes, so their standings are worked out once at the end."""
    with batched():
        return _random_schools()


def _random_schools():
    rng = random.Random(7)
    strands = list(Strand.objects.all())
    schools = [SchoolFactory(), SchoolFactory()]
    for n in range(160):
        school = schools[n % 2]
        joined = rng.choice([None, datetime.date(2024, 9, 1), datetime.date(2026, 1, 15)])
        left = rng.choice(
            [None, None, None, datetime.date(2026, 1, 14), datetime.date(2026, 1, 15)]
        )
        if joined and left and left < joined:
            left = None
        pupil = PupilFactory(school=school, joined_on=joined, left_on=left)
        for _ in range(rng.randint(0, 5)):
            NeedAssessmentFactory(
                pupil=pupil,
                strand=rng.choice(strands),
                level=rng.randint(1, 5),
                assessed_on=rng.choice(DAYS) + datetime.timedelta(days=rng.choice([-1, 0, 1])),
            )
        if rng.random() < 0.25:
            recorded = rng.choice(DAYS)
            withdrawn = rng.choice([None, None, DAYS[1], DAYS[2]])
            LevelTwoCriterionFactory(
                pupil=pupil,
                criterion=rng.choice(LevelTwoCriterionKind.values),
                recorded_on=recorded,
                withdrawn_on=withdrawn if withdrawn and withdrawn >= recorded else None,
            )
        for _ in range(rng.choice([0] * 6 + [1, 2])):
            SencoDecisionFactory(
                pupil=pupil,
                code=rng.choice("KN"),
                reason=f"Reason {rng.randint(1, 999)}, agreed with parents",
                decided_on=rng.choice(DAYS[:2]),
                withdrawn_on=rng.choice([None, DAYS[2]]),
            )
        for _ in range(rng.choice([0] * 8 + [1, 2])):
            issued = rng.choice(DAYS[:2])
            EHCPlanFactory(
                pupil=pupil,
                issued_on=issued,
                ceased_on=rng.choice([None, DAYS[2]]),
                last_annual_review_on=rng.choice([None, issued]),
            )
        for rank in (1, 1, 2):
            if rng.random() < 0.2:
                SENNeedFactory(
                    pupil=pupil,
                    rank=rank,
                    need_type=rng.choice(NeedType.values),
                    recorded_on=rng.choice(DAYS),
                    ended_on=rng.choice([None, None, DAYS[2]]),
                )
        if rng.random() < 0.3:
            SupportPlan.objects.create(
                pupil=pupil,
                version=1,
                state=rng.choice(["active", "draft", "closed"]),
                starts_on=rng.choice(DAYS[:2]),
                ended_on=rng.choice([None, DAYS[2]]),
            )
    return schools


def rules_say(pupils, on):
    """Pupil id -> the Standing the rules give on `on`, read straight from the pupil's records
    (census.derivation.standing_on): what every kept standing is held to."""
    held = load_records(list(pupils.values_list("pk", flat=True)))
    return {pk: standing_on(records, on) for pk, (_, records) in held.items()}
