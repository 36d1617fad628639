"""The plan-based register checks (Sheffield guidance, Code 6.48, 6.65), the provision map, and
the fixed query counts of the plan page and the map."""

import datetime

import pytest
from django.urls import reverse

from census.plan_checks import parent_contact, plans_and_reviews
from census.validation import CensusContext, validate
from support_plans.models import ContactKind, ParentContact, Review
from tests.factories import (
    NeedAssessmentFactory,
    OutcomeFactory,
    ProvisionFactory,
    PupilFactory,
    SENNeedFactory,
    SupportPlanFactory,
)
from tests.pages import main_of

DAY = datetime.date(2026, 1, 15)


@pytest.fixture
def k_pupil(school, class_8b):
    pupil = PupilFactory(school=school, class_group=class_8b)
    NeedAssessmentFactory(pupil=pupil, level=3, assessed_on=datetime.date(2025, 9, 1))
    SENNeedFactory(pupil=pupil, recorded_on=datetime.date(2025, 9, 1))
    return pupil


def findings(school, on=DAY):
    context = CensusContext.of_school(school, on)
    return sorted(
        (f.rule, f.message) for f in validate(context, [plans_and_reviews, parent_contact])
    )


def meetings(pupil, *days):
    for day in days:
        ParentContact.objects.create(pupil=pupil, kind=ContactKind.MEETING, held_on=day)


def test_a_pupil_at_k_with_no_plan_is_flagged(school, k_pupil):
    assert ("SSG-PLAN", "at SEN support with no support plan in force") in findings(school)


def test_a_draft_plan_does_not_count(school, k_pupil):
    SupportPlanFactory(pupil=k_pupil, state="draft", starts_on=None)
    assert ("SSG-PLAN", "at SEN support with no support plan in force") in findings(school)


def test_a_plan_not_reviewed_for_four_months_is_flagged(school, k_pupil):
    plan = SupportPlanFactory(
        pupil=k_pupil, starts_on=datetime.date(2025, 6, 1), next_review_on=None
    )
    Review.objects.create(
        plan=plan, held_on=datetime.date(2025, 9, 10), attended_by="x", decision="continue"
    )
    assert (
        "SSG-REVIEW",
        "plan not reviewed since 10 September 2025 (reviews three times a year)",
    ) in findings(school)
    Review.objects.create(
        plan=plan, held_on=datetime.date(2025, 12, 1), attended_by="x", decision="continue"
    )
    assert not [f for f in findings(school) if f[0] == "SSG-REVIEW"]


def test_a_review_date_that_has_passed_is_flagged(school, k_pupil):
    SupportPlanFactory(
        pupil=k_pupil,
        starts_on=datetime.date(2025, 11, 1),
        next_review_on=datetime.date(2026, 1, 10),
    )
    assert ("SSG-REVIEW", "the plan's review date 10 January 2026 has passed") in findings(school)


def test_parents_formally_notified_and_met_three_times(school, k_pupil):
    SupportPlanFactory(
        pupil=k_pupil,
        starts_on=datetime.date(2025, 11, 1),
        next_review_on=datetime.date(2026, 3, 1),
    )
    assert findings(school) == [
        ("COP-6.48", "parents not formally notified of SEN provision"),
        ("COP-6.65", "0 parent meetings in the last 12 months; at least three a year"),
    ]
    ParentContact.objects.create(
        pupil=k_pupil, kind=ContactKind.FORMAL_NOTIFICATION, held_on=datetime.date(2025, 9, 5)
    )
    meetings(
        k_pupil, datetime.date(2024, 12, 1), datetime.date(2025, 3, 1), datetime.date(2025, 10, 1)
    )
    # The December 2024 meeting is more than 12 months before census day.
    assert findings(school) == [
        ("COP-6.65", "2 parent meetings in the last 12 months; at least three a year")
    ]
    meetings(k_pupil, datetime.date(2026, 1, 12))
    assert findings(school) == []


def test_pupils_not_at_k_are_not_checked(school):
    pupil = PupilFactory(school=school)
    NeedAssessmentFactory(pupil=pupil, level=1)
    assert findings(school) == []


def test_the_provision_map_lists_interventions_pupils_hours_and_costs(
    client_for, senco, school, k_pupil, ava
):
    NeedAssessmentFactory(pupil=ava, level=4, assessed_on=datetime.date(2025, 9, 1))
    for pupil in (k_pupil, ava):
        plan = SupportPlanFactory(pupil=pupil)
        ProvisionFactory(
            plan=plan,
            what="Lego therapy",
            group_size=2,
            sessions_per_week=1,
            minutes_per_session=60,
            hourly_rate=20,
        )
    ProvisionFactory(plan=ava.support_plans.get(), what="Laptop", hourly_rate=None, fixed_cost=6200)
    page = client_for(senco).get(reverse("provision_map", args=[school.urn]))
    lego = next(i for i in page.context["interventions"] if i.what == "Lego therapy")
    assert sorted(p.pk for p in lego.pupils) == sorted([k_pupil.pk, ava.pk])
    # 1 hour a week for 39 weeks = 39 staff hours once for the group; £20 × 39 / 2 = £390 each
    assert lego.staff_hours == 39
    assert lego.cost == 780
    totals = page.context["totals"]
    assert (totals["pupils"], totals["cost"], totals["above_threshold"]) == (2, 6980, 1)
    top = page.context["pupil_costs"][0]
    assert (top[0], top[1], top[2]) == (ava, 6590, True)


def test_the_provision_map_filters_by_year_and_area(client_for, head, school, k_pupil, ava):
    ava.nc_year = "9"
    ava.save()
    for pupil in (k_pupil, ava):
        ProvisionFactory(plan=SupportPlanFactory(pupil=pupil))
    client = client_for(head)
    by_year = client.get(reverse("provision_map", args=[school.urn]), {"nc_year": "9"})
    assert by_year.context["totals"]["pupils"] == 1
    by_area = client.get(
        reverse("provision_map", args=[school.urn]), {"area": "cognition_learning"}
    )
    assert by_area.context["totals"]["pupils"] == 1  # Ava has no grid level, so no area
    none = client.get(reverse("provision_map", args=[school.urn]), {"area": "sensory_physical"})
    assert "No provision on active plans matches these filters" in none.content.decode()


@pytest.mark.parametrize("count", [2, 40])
def test_the_provision_map_runs_a_fixed_number_of_queries(
    client_for, senco, school, django_assert_num_queries, count
):
    for pupil in PupilFactory.create_batch(count, school=school):
        NeedAssessmentFactory(pupil=pupil, level=3)
        plan = SupportPlanFactory(pupil=pupil)
        ProvisionFactory.create_batch(2, plan=plan)
    client = client_for(senco)
    # session, user, school, memberships, the access log entry, the school's revision; broad
    # areas (filter choices), the standings of pupils with plans (with the pupils), provisions
    with django_assert_num_queries(9):
        response = client.get(reverse("provision_map", args=[school.urn]))
    assert response.context["totals"]["pupils"] == count
    # A look again, with nothing changed, is the map kept (pages.kept_pages).
    with django_assert_num_queries(6):
        again = client.get(reverse("provision_map", args=[school.urn]))
    assert main_of(again) == main_of(response)


@pytest.mark.parametrize("size", [1, 20])
def test_the_plan_page_runs_a_fixed_number_of_queries(
    client_for, senco, ava, django_assert_num_queries, size
):
    plan = SupportPlanFactory(pupil=ava)
    outcomes = OutcomeFactory.create_batch(size, plan=plan)
    provisions = ProvisionFactory.create_batch(size, plan=plan)
    for held_on in (datetime.date(2025, 10, 1), datetime.date(2025, 12, 1)):
        review = Review.objects.create(
            plan=plan, held_on=held_on, attended_by="x", decision="continue"
        )
        for outcome in outcomes:
            outcome.notes.create(written_on=held_on, text="Going well")
            review.progress.create(outcome=outcome, rating=1)
        for provision in provisions:
            review.impacts.create(provision=provision, impact="good")
    client = client_for(senco)
    # session, user, plan (with pupil, school, class), memberships, parent links, outcomes,
    # their notes, provisions, reviews, their ratings (with outcomes), their impacts (with
    # provisions), the pupil's plans, the access log entry
    with django_assert_num_queries(13):
        response = client.get(reverse("plan", args=[plan.pk]))
    assert len(response.context["outcomes"]) == size
