"""The periods the census keeps hold, on every day, exactly what the rules give that day read
straight from the records (census.derivation.standing_on, built on derive): generated
histories with several criteria and decisions a pupil, EHC plans issued and ceased on census
days, joining and leaving on the day, and many records on one date."""

import datetime

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from census.derivation import (
    Assessment,
    Criterion,
    Decision,
    Need,
    Plan,
    PupilRecords,
    StrandInfo,
    SupportPlanSpan,
    derive,
    standing_on,
)
from census.keeping import load_records
from census.models import StandingPeriod
from census.periods import FIRST_DAY, LAST_DAY, periods
from pupils.changes import batched
from pupils.models import Strand
from tests.census.test_kept_standings import as_standing
from tests.factories import PupilFactory

CENSUS_DAYS = [datetime.date(2025, 10, 2), datetime.date(2026, 1, 15), datetime.date(2026, 5, 21)]
# A census day, or a day either side of one: ties and edges are where the rules are subtle.
DAYS = st.sampled_from(CENSUS_DAYS).flatmap(
    lambda day: st.sampled_from(
        [day - datetime.timedelta(days=1), day, day + datetime.timedelta(days=1)]
    )
)
MAYBE_DAY = st.one_of(st.none(), DAYS)
STRANDS = [
    StrandInfo("speech_language", "Speech, language and communication", "communication", 1),
    StrandInfo("social_communication", "Social communication", "communication", 2),
    StrandInfo("cognition_learning", "Cognition and learning", "cognition", 3),
    StrandInfo("mental_health", "Mental health", "semh", 5),
    StrandInfo("hearing", "Hearing", "sensory", 7),
]
CRITERIA = ["medical", "multiple_areas", "gap_not_narrowing", "long_term", "transition"]


def _ends_after(start, end):
    return end if end is None or end >= start else start


@st.composite
def histories(draw):
    order = iter(range(1, 1000))
    joined, left = draw(MAYBE_DAY), draw(MAYBE_DAY)
    if joined and left and left < joined:
        joined, left = left, joined
    criteria = [
        Criterion(slug, on, _ends_after(on, draw(MAYBE_DAY)))
        for slug, on in draw(st.lists(st.tuples(st.sampled_from(CRITERIA), DAYS), max_size=4))
    ]
    decisions = [
        Decision(code, f"reason {n}", on, next(order), _ends_after(on, draw(MAYBE_DAY)))
        for n, (code, on) in enumerate(
            draw(st.lists(st.tuples(st.sampled_from("KN"), DAYS), max_size=4))
        )
    ]
    plans = [
        Plan(on, _ends_after(on, draw(MAYBE_DAY)), draw(MAYBE_DAY))
        for on in draw(st.lists(DAYS, max_size=3))
    ]
    needs = [
        Need(code, rank, on, next(order), _ends_after(on, draw(MAYBE_DAY)))
        for code, rank, on in draw(
            st.lists(
                st.tuples(
                    st.sampled_from(["SPLD", "ASD", "SEMH", "NSA"]), st.sampled_from([1, 2]), DAYS
                ),
                max_size=4,
            )
        )
    ]
    spans = [
        SupportPlanSpan(on, _ends_after(on, draw(MAYBE_DAY)))
        for on in draw(st.lists(DAYS, max_size=2))
    ]
    assessments = [
        Assessment(strand, level, on, next(order))
        for strand, level, on in draw(
            st.lists(st.tuples(st.sampled_from(STRANDS), st.integers(1, 5), DAYS), max_size=10)
        )
    ]
    return PupilRecords(joined, left, assessments, criteria, decisions, plans, needs, spans)


def every_day():
    day = CENSUS_DAYS[0] - datetime.timedelta(days=3)
    while day <= CENSUS_DAYS[-1] + datetime.timedelta(days=3):
        yield day
        day += datetime.timedelta(days=1)


@given(records=histories())
@settings(max_examples=400, deadline=None)
def test_each_period_holds_what_the_rules_give_on_each_of_its_days(records):
    found = periods(records)
    assert found[0].valid_from == FIRST_DAY and found[-1].valid_to == LAST_DAY
    for before, after in zip(found, found[1:], strict=False):
        assert before.valid_to == after.valid_from  # no gaps, no overlaps
        assert before.standing != after.standing  # a new period only when something changed
    for day in every_day():
        [holding] = [p for p in found if p.in_force_on(day)]
        assert holding.standing == standing_on(records, day), day
        derived = derive(records, day)
        assert holding.standing.code == (derived.code if derived else "")


@given(records=histories())
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_periods_kept_in_the_database_hold_what_the_rules_give(school, records):
    """The same histories written to the database record by record, as the forms write them:
    the kept periods, read for each day with the ORM, are what the rules give."""
    strands = {s.slug: s for s in Strand.objects.all()}
    with transaction.atomic():
        pupil = PupilFactory(school=school, joined_on=records.joined_on, left_on=records.left_on)
        for a in records.assessments:
            pupil.assessments.create(
                strand=strands[a.strand.slug], level=a.level, assessed_on=a.assessed_on
            )
        for c in records.criteria:
            pupil.level_two_criteria.create(
                criterion=c.slug, recorded_on=c.recorded_on, withdrawn_on=c.withdrawn_on
            )
        for d in records.decisions:
            pupil.senco_decisions.create(
                code=d.code, reason=d.reason, decided_on=d.decided_on, withdrawn_on=d.withdrawn_on
            )
        for p in records.plans:
            pupil.ehc_plans.create(
                issued_on=p.issued_on,
                ceased_on=p.ceased_on,
                last_annual_review_on=p.last_annual_review_on,
            )
        for n in records.needs:
            pupil.sen_needs.create(
                need_type=n.need_type, rank=n.rank, recorded_on=n.recorded_on, ended_on=n.ended_on
            )
        for version, s in enumerate(records.support_plans, start=1):
            pupil.support_plans.create(
                version=version, state="closed", starts_on=s.starts_on, ended_on=s.ended_on
            )
        [(_, held)] = load_records([pupil.pk]).values()
        kept = StandingPeriod.objects.filter(pupil=pupil)
        for day in every_day():
            assert as_standing(kept.on(day).get()) == standing_on(held, day), day
        transaction.set_rollback(True)


def test_a_batch_keeps_the_same_periods_as_record_by_record(school):
    """Written in one batch (as the import writes), the periods are the same as written one
    record at a time."""
    strand = Strand.objects.get(slug="hearing")

    def write():
        pupil = PupilFactory(school=school, joined_on=CENSUS_DAYS[0])
        for level, on in zip((2, 3, 1), CENSUS_DAYS, strict=True):
            pupil.assessments.create(strand=strand, level=level, assessed_on=on)
        pupil.senco_decisions.create(code="N", reason="Met in class", decided_on=CENSUS_DAYS[1])
        return pupil

    def kept(pupil):
        return [
            (p.valid_from, p.valid_to, p.code, p.basis)
            for p in pupil.standings.order_by("valid_from")
        ]

    one_by_one = write()
    with batched():
        batch = write()
    assert kept(batch) == kept(one_by_one)
    # not on roll; level 2 with no reason; the SENCO's N at level 3; and at level 1
    assert [code for _, _, code, _ in kept(batch)] == ["", "N", "N", "N"]
