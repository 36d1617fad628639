"""The demo school is believable, and every demo login lands on a page made for its role."""

import datetime

import pytest
from django.urls import reverse

from pupils.grid import highest_levels
from pupils.models import EHCPlan, Pupil, SencoDecision
from sen_register.demo import DEMO_LOGINS, DEMO_PASSWORD, DEMO_URN, seed_demo
from sen_register.models import School

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def demo(db):
    assert seed_demo(TODAY) is True
    return School.objects.get(urn=DEMO_URN)


def test_the_demo_school_has_the_national_mix(demo):
    on_roll = Pupil.objects.at(demo).on_roll(on=TODAY)
    count = on_roll.count()
    assert count >= 600
    with_plan = EHCPlan.objects.active_on(TODAY).filter(pupil__in=on_roll).count()
    assert 0.04 <= with_plan / count <= 0.05
    # SEN support is mostly level 3+ without a plan, plus level 2 with a recorded reason.
    highest = highest_levels(list(on_roll.values_list("id", flat=True)), TODAY)
    level_3_plus = sum(1 for level in highest.values() if level >= 3)
    assert 0.08 <= (level_3_plus - with_plan) / count <= 0.11
    level_2_with_criteria = (
        on_roll.filter(level_two_criteria__isnull=False).values("pk").distinct().count()
    )
    assert 0.02 <= level_2_with_criteria / count <= 0.04
    # The unclear case the guidance names: level 2 with no recorded reason.
    level_2 = sum(1 for level in highest.values() if level == 2)
    assert level_2 > level_2_with_criteria
    assert SencoDecision.objects.filter(pupil__school=demo).count() == 5


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
        ("teacher", "Pupils you teach"),
        ("head", "Whole-school overview"),
        ("parent", "Your children"),
        ("officer", "you see figures only, never a pupil's name"),
    ],
)
def test_each_demo_login_lands_on_its_role_page(demo, client, role, landing_text):
    response = client.post(
        reverse("login"), {"username": DEMO_LOGINS[role], "password": DEMO_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert landing_text in response.content.decode()


def test_the_officer_page_names_no_pupil(demo, client):
    client.post(reverse("login"), {"username": DEMO_LOGINS["officer"], "password": DEMO_PASSWORD})
    page = client.get(reverse("school_home", args=[DEMO_URN])).content.decode()
    for surname in Pupil.objects.at(demo).values_list("legal_surname", flat=True).distinct():
        assert f"{surname}<" not in page and f" {surname} " not in page
