"""The officer's view: figures across their own schools only, never a pupil's name, and cells
of 1 to 4 pupils shown as "fewer than 5"."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, NeedAssessmentFactory, PupilFactory, SchoolFactory

DAY = "2026-01-15"


@pytest.fixture
def authority(school, other_school, officer):
    """The officer covers Hillside (30 pupils) but not Valley."""
    for n in range(30):
        pupil = PupilFactory(school=school, legal_surname=f"Secretname{n}")
        NeedAssessmentFactory(
            pupil=pupil,
            level=2 if n < 12 else (3 if n < 15 else 1),
            assessed_on=datetime.date(2025, 10, 1),
        )
    for n in range(8):
        PupilFactory(school=other_school, legal_surname=f"Elsewhere{n}")
    small = SchoolFactory(name="Tiny School")
    MembershipFactory(user=officer, school=small, role="officer")
    for n in range(3):
        pupil = PupilFactory(school=small, legal_surname=f"Tinyname{n}")
        NeedAssessmentFactory(pupil=pupil, level=3, assessed_on=datetime.date(2025, 10, 1))
    return small


def test_the_officer_sees_figures_for_their_schools_only(client_for, officer, authority):
    response = client_for(officer).get(reverse("officer"), {"date": DAY})
    names = [row.name for row in response.context["rows"]]
    assert names == ["Hillside School", "Tiny School"]
    hillside = response.context["rows"][0]
    assert (hillside.figures.on_roll, hillside.figures.level_2, hillside.figures.code_k) == (
        30,
        12,
        3,
    )
    assert hillside.level_2_coded_k == 0.0  # no level-2 pupil has a recorded reason
    assert "Valley School" not in response.content.decode()


def test_the_officer_never_sees_a_pupils_name(client_for, officer, authority):
    page = client_for(officer).get(reverse("officer"), {"date": DAY}).content.decode()
    assert "Secretname" not in page and "Tinyname" not in page and "Elsewhere" not in page


def test_small_cells_say_fewer_than_five(client_for, officer, authority):
    response = client_for(officer).get(reverse("officer"), {"date": DAY})
    tiny = response.context["rows"][1]
    assert tiny.cell("on_roll") == "fewer than 5"
    assert tiny.cell("code_k") == "fewer than 5"
    assert tiny.level_3_plus_not_k_or_e is None
    assert "fewer than 5" in response.content.decode()
    overall = response.context["overall"]
    assert overall.figures.on_roll == 33


@pytest.mark.parametrize("schools", [1, 12])
def test_the_officer_view_runs_a_fixed_number_of_queries(
    client_for, officer, django_assert_num_queries, schools
):
    for _ in range(schools):
        school = SchoolFactory()
        MembershipFactory(user=officer, school=school, role="officer")
        PupilFactory.create_batch(3, school=school)
    client = client_for(officer)
    # session, user, second-factor device, memberships, the figures, school names
    with django_assert_num_queries(6):
        client.get(reverse("officer"))
