"""The school's interventions: one name however it was typed, offered when provision is
written, and compared (pupils, cost a pupil, average progress at reviews)."""

import datetime
from decimal import Decimal

from django.urls import reverse

from support_plans.costs import Period, cost_in
from support_plans.models import OutcomeProgress, Provision, Review
from tests.factories import (
    NeedAssessmentFactory,
    OutcomeFactory,
    ProvisionFactory,
    PupilFactory,
    SupportPlanFactory,
)

TODAY = datetime.date.today()


def provision_data(what):
    return {
        "what": what,
        "delivered_by": "Teaching assistant",
        "group_size": 1,
        "sessions_per_week": 3,
        "minutes_per_session": 20,
        "starts_on": "2025-09-15",
        "hourly_rate": 18,
        "revision": 0,
    }


def test_a_new_spelling_of_an_intervention_becomes_the_school_s_name(client_for, senco, ava):
    ProvisionFactory(plan=SupportPlanFactory(pupil=ava), what="Lexia Reading Programme")
    draft = SupportPlanFactory(pupil=ava, version=2, state="draft", starts_on=None)
    client = client_for(senco)
    form = client.get(reverse("provision_add", args=[draft.pk])).content.decode()
    assert '<option value="Lexia Reading Programme">' in form and 'list="interventions"' in form
    client.post(
        reverse("provision_add", args=[draft.pk]), provision_data("lexia  reading programme")
    )
    assert draft.provisions.get().what == "Lexia Reading Programme"


def test_a_new_intervention_keeps_its_name(client_for, senco, ava):
    draft = SupportPlanFactory(pupil=ava, state="draft", starts_on=None)
    client_for(senco).post(
        reverse("provision_add", args=[draft.pk]), provision_data("Lego  therapy")
    )
    assert Provision.objects.get().what == "Lego therapy"


def test_interventions_are_compared_by_pupils_cost_and_progress(client_for, senco, school, ava):
    noah = PupilFactory(school=school)
    for pupil, spelling, rating in ((ava, "Lexia", 1), (noah, "LEXIA", -1)):
        NeedAssessmentFactory(pupil=pupil, level=3, assessed_on=TODAY)
        plan = SupportPlanFactory(pupil=pupil)
        ProvisionFactory(plan=plan, what=spelling, hourly_rate=18)
        review = Review.objects.create(
            plan=plan, held_on=TODAY, attended_by="SENCO", decision="continue"
        )
        OutcomeProgress.objects.create(
            review=review, outcome=OutcomeFactory(plan=plan), rating=rating
        )
    page = client_for(senco).get(reverse("interventions", args=[school.urn]))
    (lexia,) = page.context["rows"]
    period = Period.school_year(TODAY)
    one_pupil = Provision.objects.filter(plan__pupil=ava).get()
    assert (lexia.name, len(lexia.pupils), lexia.average_progress) == ("Lexia", 2, 0)
    assert lexia.cost_a_pupil == cost_in(one_pupil, period)
    assert lexia.cost_a_pupil > Decimal(0)


def test_the_provision_map_shows_one_row_for_two_spellings(client_for, senco, school, ava):
    noah = PupilFactory(school=school)
    for pupil, spelling in ((ava, "Lexia Reading Programme"), (noah, "Lexia reading programme")):
        NeedAssessmentFactory(pupil=pupil, level=3, assessed_on=TODAY)
        ProvisionFactory(plan=SupportPlanFactory(pupil=pupil), what=spelling)
    page = client_for(senco).get(reverse("provision_map", args=[school.urn]))
    (lexia,) = page.context["interventions"]
    assert len(lexia.pupils) == 2


def test_the_comparison_runs_a_fixed_number_of_queries(
    client_for, senco, school, django_assert_num_queries
):
    for n in range(12):
        plan = SupportPlanFactory(pupil=PupilFactory(school=school))
        ProvisionFactory(plan=plan, what=f"Intervention {n % 4}")
        review = Review.objects.create(
            plan=plan, held_on=TODAY, attended_by="SENCO", decision="continue"
        )
        OutcomeProgress.objects.create(review=review, outcome=OutcomeFactory(plan=plan), rating=0)
    client = client_for(senco)
    # session, user, school, memberships, the access log entry; the
    # names in use, the provisions with their plans, the ratings.
    with django_assert_num_queries(8):
        client.get(reverse("interventions", args=[school.urn]))
