"""Progress at a review is rated against what was expected (goal-attainment style): a met
outcome is "as expected", not "+1". Parents read the words, never a bare number; ratings given
on the earlier scale keep the words they were given with."""

import datetime

import pytest
from django.urls import reverse

from support_plans.models import PROGRESS_CHOICES, OutcomeProgress, ProgressScale, Review
from tests.factories import OutcomeFactory, SupportPlanFactory


@pytest.fixture
def rated(ava):
    """Ava's plan, reviewed with one outcome rated; returns a function setting the rating."""
    plan = SupportPlanFactory(pupil=ava)
    outcome = OutcomeFactory(plan=plan, what_will_change="Reads 30 more words")
    review = Review.objects.create(
        plan=plan,
        held_on=datetime.date(2025, 12, 1),
        attended_by="SENCO, mother",
        decision="continue",
        shared_with_parents=True,
    )

    def rate(rating, scale=ProgressScale.AGAINST_EXPECTED):
        return OutcomeProgress.objects.create(
            review=review, outcome=outcome, rating=rating, scale=scale
        )

    return rate


def test_the_scale_runs_from_much_less_to_much_more_than_expected():
    assert PROGRESS_CHOICES == [
        (-2, "−2: much less than expected"),
        (-1, "−1: less than expected"),
        (0, "0: as expected"),
        (1, "+1: more than expected"),
        (2, "+2: much more than expected"),
    ]


def test_a_met_outcome_reads_as_expected_to_parents(client_for, parent, ava, rated):
    rated(0)
    page = client_for(parent).get(reverse("child", args=[ava.pk])).content.decode()
    assert "Reads 30 more words: As expected" in page


def test_parents_read_words_never_a_bare_number(client_for, parent, ava, rated):
    rated(-2)
    page = client_for(parent).get(reverse("child", args=[ava.pk])).content.decode()
    assert "Reads 30 more words: Much less than expected" in page
    assert "−2" not in page and "-2:" not in page


def test_a_rating_from_the_earlier_scale_keeps_its_words(client_for, parent, senco, ava, rated):
    progress = rated(1, ProgressScale.CHANGE)
    assert progress.words == "progress"
    page = client_for(parent).get(reverse("child", args=[ava.pk])).content.decode()
    assert "Reads 30 more words: Progress" in page
    staff_page = client_for(senco).get(reverse("plan", args=[progress.review.plan_id]))
    assert "+1: progress (rated by change" in staff_page.content.decode()
