"""Current level on a date: the latest assessment of the strand on or before it."""

import datetime

import pytest

from pupils.dating import current_by_strand
from pupils.grid import highest_levels
from pupils.models import NeedAssessment, Strand
from tests.factories import NeedAssessmentFactory, PupilFactory
from tests.register_files import STRANDS as SHEFFIELD_STRANDS

AUTUMN = datetime.date(2025, 10, 2)
SPRING = datetime.date(2026, 1, 15)
SUMMER = datetime.date(2026, 5, 21)


@pytest.fixture
def cognition(db):
    return Strand.objects.get(slug="cognition_learning")


@pytest.fixture
def hearing(db):
    return Strand.objects.get(slug="hearing")


@pytest.fixture
def pupil_with_history(cognition, hearing):
    pupil = PupilFactory()
    NeedAssessmentFactory(pupil=pupil, strand=cognition, level=2, assessed_on=AUTUMN)
    NeedAssessmentFactory(pupil=pupil, strand=cognition, level=4, assessed_on=SPRING)
    NeedAssessmentFactory(pupil=pupil, strand=cognition, level=3, assessed_on=SUMMER)
    NeedAssessmentFactory(pupil=pupil, strand=hearing, level=1, assessed_on=SPRING)
    return pupil


def current(pupil, on):
    return {
        a.strand.slug: a.level
        for a in NeedAssessment.objects.current_on(on).filter(pupil=pupil).select_related("strand")
    }


def test_the_current_level_is_the_latest_assessment_on_or_before_the_day(pupil_with_history):
    assert current(pupil_with_history, SPRING) == {"cognition_learning": 4, "hearing": 1}
    assert current(pupil_with_history, SPRING + datetime.timedelta(days=30)) == {
        "cognition_learning": 4,
        "hearing": 1,
    }


def test_an_assessment_dated_after_the_day_does_not_count(pupil_with_history):
    assert current(pupil_with_history, AUTUMN) == {"cognition_learning": 2}


def test_before_any_assessment_there_is_no_current_level(pupil_with_history):
    assert current(pupil_with_history, AUTUMN - datetime.timedelta(days=1)) == {}


def test_a_lower_later_level_replaces_a_higher_earlier_one(pupil_with_history):
    assert current(pupil_with_history, SUMMER)["cognition_learning"] == 3


def test_history_is_kept_when_a_level_changes(pupil_with_history):
    assert pupil_with_history.assessments.count() == 4
    assert list(
        pupil_with_history.assessments.filter(strand__slug="cognition_learning").values_list(
            "level", flat=True
        )
    ) == [2, 4, 3]


def test_two_assessments_on_one_day_the_later_recorded_wins(cognition):
    pupil = PupilFactory()
    NeedAssessmentFactory(pupil=pupil, strand=cognition, level=3, assessed_on=SPRING)
    NeedAssessmentFactory(pupil=pupil, strand=cognition, level=2, assessed_on=SPRING)
    assert current(pupil, SPRING) == {"cognition_learning": 2}


def test_highest_level_is_taken_over_all_strands(pupil_with_history):
    other = PupilFactory()
    assert highest_levels([pupil_with_history.pk, other.pk], SPRING) == {pupil_with_history.pk: 4}
    assert highest_levels([pupil_with_history.pk], SUMMER) == {pupil_with_history.pk: 3}


def test_the_current_assessment_of_each_strand_from_the_history(pupil_with_history):
    assessments = list(pupil_with_history.assessments.select_related("strand"))
    current = {a.strand.slug: a.level for a in current_by_strand(assessments, SPRING).values()}
    assert current == {"cognition_learning": 4, "hearing": 1}
    assert [s.slug for s in Strand.objects.all()] == SHEFFIELD_STRANDS


def test_a_level_outside_one_to_five_is_refused_by_the_database(cognition):
    from django.db import IntegrityError, transaction

    pupil = PupilFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        NeedAssessment.objects.create(pupil=pupil, strand=cognition, level=6, assessed_on=SPRING)
