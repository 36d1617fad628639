"""The officer's view: figures across their own schools only, never a pupil's name, and cells
of 1 to 4 pupils not shown, nor any that would give one back."""

import datetime

import pytest
from django.urls import reverse

from census.disclosure import PUBLISHED
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


def test_small_cells_are_not_shown_nor_any_cell_that_would_give_them_back(
    client_for, officer, authority
):
    response = client_for(officer).get(reverse("officer"), {"date": DAY})
    tiny = response.context["rows"][1]
    assert tiny.cell("on_roll") == "not shown"
    assert tiny.cell("code_k") == "not shown"
    assert tiny.level_3_plus_not_k_or_e is None
    assert "not shown" in response.content.decode()
    overall = response.context["overall"]
    assert overall.figures.on_roll == 33
    assert_no_subtraction_gives_back_a_hidden_cell(response.context["rows"], overall)


def assert_no_subtraction_gives_back_a_hidden_cell(rows, overall):
    """The subtractions a reader could try: on roll - E - K - N in a row, and the total less
    the other schools in a column. Each needs every other cell of its group shown."""
    for row in [*rows, overall]:
        group = ["on_roll", "code_e", "code_k", "code_n"]
        assert sum(not row.shows(name) for name in group) != 1, row.name
    for name in PUBLISHED:
        column = [*rows, overall]
        assert sum(not row.shows(name) for row in column) != 1, name


def test_the_officers_school_page_shows_its_row_of_the_table_and_nothing_more(
    client_for, officer, authority
):
    client = client_for(officer)
    table = client.get(reverse("officer"))
    page = client.get(reverse("school_home", args=[authority.urn]))
    tiny = next(r for r in table.context["rows"] if r.name == "Tiny School")
    assert page.context["overview"].labelled_cells == tiny.labelled_cells
    assert "not shown" in page.content.decode()
    assert "3" not in [value for _label, value in tiny.labelled_cells]


def test_officer_figures_are_for_census_days_only(client_for, officer, authority):
    next_day = "2026-01-16"  # the day after the spring census: comparing would single out
    response = client_for(officer).get(reverse("officer"), {"date": next_day})
    assert response.context["on"] != datetime.date(2026, 1, 16)
    assert response.context["on"] in [d.on for d in response.context["census_days"]]
    assert "census days only" in response.content.decode()
    chosen = client_for(officer).get(reverse("officer"), {"date": DAY})
    assert chosen.context["on"] == datetime.date(2026, 1, 15)


@pytest.mark.parametrize("schools", [1, 12])
def test_the_officer_view_runs_a_fixed_number_of_queries(
    client_for, officer, django_assert_num_queries, schools
):
    for _ in range(schools):
        school = SchoolFactory()
        MembershipFactory(user=officer, school=school, role="officer")
        PupilFactory.create_batch(3, school=school)
    client = client_for(officer)
    # session, user, memberships, the figures, school names
    with django_assert_num_queries(5):
        client.get(reverse("officer"))


def test_the_officers_chart_names_each_school(client_for, officer, authority):
    html = client_for(officer).get(reverse("officer")).content.decode()
    chart = html[html.index('aria-labelledby="spread-title"') :]
    chart = chart[: chart.index("</svg>")]
    plot = client_for(officer).get(reverse("officer")).context["plot"]
    assert plot.dots
    for dot in plot.dots:
        assert f">{dot.label}</text>" in chart


@pytest.fixture
def buckinghamshire_school(officer, buckinghamshire):
    """Meadow School, under Buckinghamshire's framework, which the officer also covers."""
    meadow = SchoolFactory(name="Meadow School", authority=buckinghamshire)
    MembershipFactory(user=officer, school=meadow, role="officer")
    PupilFactory.create_batch(6, school=meadow)
    return meadow


def test_the_officer_compares_only_schools_under_one_framework(
    client_for, officer, authority, buckinghamshire_school
):
    client = client_for(officer)
    response = client.get(reverse("officer"), {"date": DAY})
    # Sheffield's two schools first (the larger group), never beside Buckinghamshire's
    assert [row.name for row in response.context["rows"]] == ["Hillside School", "Tiny School"]
    page = response.content.decode()
    assert "Buckinghamshire SEN support bands (1 school)" in page  # a choice, not a row
    assert '<th scope="row" class="govuk-table__header">Meadow School' not in page
    assert response.context["overall"].figures.on_roll == 33

    response = client.get(reverse("officer"), {"date": DAY, "framework": "buckinghamshire"})
    assert [row.name for row in response.context["rows"]] == ["Meadow School"]
    assert response.context["overall"].figures.on_roll == 6
    assert "Buckinghamshire SEN support bands framework" in response.content.decode()


def test_the_officers_school_page_compares_within_the_schools_framework(
    client_for, officer, authority, buckinghamshire_school
):
    page = client_for(officer).get(reverse("school_home", args=[buckinghamshire_school.urn]))
    assert page.context["overview"].figures.on_roll == 6
