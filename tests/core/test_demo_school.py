"""The demo school is believable, and every demo login lands on a page made for its role."""

import datetime
from collections import Counter

import pytest
from django.urls import reverse

from census.days import next_census_day
from census.validation import CensusContext, validate
from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, DEMO_URN, seed_demo
from pupils.models import Pupil, SencoDecision
from sen_register.core.models import School

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def demo(db):
    assert seed_demo(TODAY) is True
    return School.objects.get(urn=DEMO_URN)


def test_the_demo_school_has_the_national_mix(demo):
    """About 14% at SEN support and 4-5% with EHC plans at the next census, by the rules."""
    rows = CensusContext.of_school(demo, next_census_day(TODAY).on).rows
    codes = Counter(row.code for row in rows)
    assert len(rows) >= 600
    assert 0.04 <= codes["E"] / len(rows) <= 0.05
    assert 0.12 <= codes["K"] / len(rows) <= 0.16
    unclear = [row for row in rows if row.level_two_unclear]
    assert len(unclear) >= 20  # the case the guidance asks SENCOs to look at
    assert SencoDecision.objects.filter(pupil__school=demo).count() == 5


def test_the_demo_census_errors_are_the_two_missing_need_types(demo):
    """The demo keeps two pupils at K with no need type, for the SENCO to find and fix."""
    on = next_census_day(TODAY).on
    findings = validate(CensusContext.of_school(demo, on))
    assert [f.rule for f in findings if f.severity == "error"] == ["2170", "2170"]


def test_the_demo_schools_standings_are_as_the_rules_give(demo):
    from census.keeping import standings_drift

    assert not list(standings_drift(Pupil.objects.at(demo)))


def test_the_senco_home_has_something_real_to_show(demo):
    from pages.overview import school_picture

    todo = school_picture(demo, TODAY)["todo"]
    assert todo["level_two_unclear"] >= 20
    assert todo["k_without_need"] == 2
    assert todo["departures"] == 5
    assert len(todo["reviews_due"]) >= 1


def test_grid_histories_span_several_terms(demo):
    dates = set(
        Pupil.objects.at(demo)
        .filter(assessments__isnull=False)
        .values_list("assessments__assessed_on", flat=True)
    )
    assert len(dates) >= 4


def test_seeding_twice_changes_nothing(demo):
    before = Pupil.objects.count()
    assert seed_demo(TODAY) is False
    assert Pupil.objects.count() == before


@pytest.mark.parametrize(
    ("role", "landing_text"),
    [
        ("senco", "Your school's SEN picture"),
        ("teacher", "Pupils in your groups"),
        ("head", "Whole-school overview"),
        ("parent", "Your children"),
        ("officer", "Across your schools"),
    ],
)
def test_each_demo_login_lands_on_its_role_page(demo, client, role, landing_text, settings):
    settings.MFA_REQUIRED = False  # as `make run` has it, for trying the demo
    response = client.post(
        reverse("login"), {"username": DEMO_LOGINS[role], "password": DEMO_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert landing_text in response.content.decode()


def test_with_mfa_required_demo_staff_are_asked_to_set_up_a_second_step(demo, client):
    response = client.post(
        reverse("login"), {"username": DEMO_LOGINS["senco"], "password": DEMO_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith(reverse("mfa_setup"))


def test_the_officer_page_names_no_pupil(demo, client, settings):
    settings.MFA_REQUIRED = False
    client.post(reverse("login"), {"username": DEMO_LOGINS["officer"], "password": DEMO_PASSWORD})
    page = client.get(reverse("school_home", args=[DEMO_URN])).content.decode()
    for surname in Pupil.objects.at(demo).values_list("legal_surname", flat=True).distinct():
        assert f"{surname}<" not in page and f" {surname} " not in page


def test_the_demo_has_plans_reviews_notes_and_provision(demo):
    from support_plans.models import ParentContact, Provision, Review, ReviewNote, SupportPlan

    active = SupportPlan.objects.active().filter(pupil__school=demo)
    assert active.count() >= 100
    assert SupportPlan.objects.filter(pupil__school=demo, state="superseded").exists()
    assert Review.objects.filter(plan__pupil__school=demo).count() >= 100
    assert ReviewNote.objects.filter(outcome__plan__pupil__school=demo).exists()
    assert Provision.objects.filter(plan__in=active).count() >= active.count()
    assert ParentContact.objects.filter(pupil__school=demo).exists()


def test_the_demo_parents_child_has_an_active_plan_and_a_past_review(demo):
    from demo.seed import DEMO_LOGINS
    from support_plans.models import Review, SupportPlan

    child = Pupil.objects.filter(parent_links__parent__email=DEMO_LOGINS["parent"]).get(
        support_plans__state="active"
    )
    assert SupportPlan.objects.filter(pupil=child, state="superseded").exists()
    assert Review.objects.filter(plan__pupil=child, shared_with_parents=True).exists()


def test_the_provision_map_shows_a_pupil_above_the_threshold(demo):
    from pages.provision_map import provision_map

    totals = provision_map(demo, TODAY, {})["totals"]
    assert totals["pupils"] >= 100
    assert totals["above_threshold"] >= 1


def test_an_authority_of_demo_schools_for_the_officer(db):
    from census.aggregate import school_figures
    from demo.seed import seed_authority
    from sen_register.core.models import Membership

    assert seed_authority(TODAY, schools=4, pupils=120, report=lambda line: None) == 3
    officer_schools = Membership.objects.filter(user__email=DEMO_LOGINS["officer"], role="officer")
    assert officer_schools.count() == 4
    figures = school_figures(officer_schools.values_list("school_id", flat=True), TODAY)
    assert sum(f.on_roll for f in figures.values()) >= 643 + 3 * 110
    # Building again adds nothing.
    assert seed_authority(TODAY, schools=4, pupils=120, report=lambda line: None) == 0
