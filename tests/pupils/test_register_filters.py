"""The register's filters, sorting, summary and CSV: the CSV is exactly the filtered list."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from pupils.models import Strand
from tests.factories import (
    EHCPlanFactory,
    LevelTwoCriterionFactory,
    NeedAssessmentFactory,
    PupilFactory,
    SencoDecisionFactory,
    SENNeedFactory,
)

AUTUMN = datetime.date(2025, 10, 2)


def strand(slug):
    return Strand.objects.get(slug=slug)


@pytest.fixture
def register(school, class_8b, class_9c):
    """One pupil per situation the filters tell apart."""

    def pupil(name, **kwargs):
        return PupilFactory(school=school, legal_forename=name, legal_surname="Test", **kwargs)

    p = {
        "ehcp": pupil("Esme", nc_year="9", class_group=class_9c),
        "level3": pupil("Kit", nc_year="8", class_group=class_8b),
        "level2_reason": pupil("Lena", nc_year="8", class_group=class_8b),
        "level2_unclear": pupil("Uma", nc_year="9", class_group=class_9c),
        "decided": pupil("Dara", nc_year="9", class_group=class_9c),
        "level1": pupil("Omar", nc_year="8", class_group=class_8b),
        "none": pupil("Zed", nc_year="8", class_group=class_8b),
    }
    EHCPlanFactory(pupil=p["ehcp"])
    NeedAssessmentFactory(pupil=p["ehcp"], strand=strand("physical"), level=5, assessed_on=AUTUMN)
    SENNeedFactory(pupil=p["ehcp"], need_type="PD", recorded_on=AUTUMN)
    NeedAssessmentFactory(
        pupil=p["level3"], strand=strand("cognition_learning"), level=3, assessed_on=AUTUMN
    )
    SENNeedFactory(pupil=p["level3"], need_type="SPLD", recorded_on=AUTUMN)
    NeedAssessmentFactory(
        pupil=p["level2_reason"], strand=strand("mental_health"), level=2, assessed_on=AUTUMN
    )
    LevelTwoCriterionFactory(pupil=p["level2_reason"], recorded_on=AUTUMN)
    NeedAssessmentFactory(
        pupil=p["level2_unclear"], strand=strand("speech_language"), level=2, assessed_on=AUTUMN
    )
    NeedAssessmentFactory(
        pupil=p["decided"], strand=strand("speech_language"), level=2, assessed_on=AUTUMN
    )
    SencoDecisionFactory(pupil=p["decided"], code="K", decided_on=AUTUMN)
    NeedAssessmentFactory(pupil=p["level1"], strand=strand("hearing"), level=1, assessed_on=AUTUMN)
    return p


def names(client, school, **params):
    response = client.get(reverse("register", args=[school.urn]), params)
    assert response.status_code == 200
    return [entry.pupil.legal_forename for entry in response.context["page"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": ""}, ["Dara", "Esme", "Kit", "Lena", "Omar", "Uma", "Zed"]),
        ({}, ["Dara", "Esme", "Kit", "Lena", "Uma"]),  # those on the SEN register
        ({"code": "E"}, ["Esme"]),
        ({"code": "K"}, ["Dara", "Kit", "Lena"]),
        ({"code": "N"}, ["Omar", "Uma", "Zed"]),
        ({"level": "2"}, ["Dara", "Lena", "Uma"]),
        ({"level": "0"}, ["Zed"]),
        ({"area": "semh"}, ["Lena"]),
        ({"area": "communication_interaction"}, ["Dara", "Uma"]),
        ({"status": "monitoring"}, ["Uma"]),
        ({"status": "none"}, ["Omar", "Zed"]),
        ({"status": "sen_support"}, ["Dara", "Kit", "Lena"]),
        ({"level_two_unclear": "on"}, ["Uma"]),
        ({"departs": "on"}, ["Dara"]),
        ({"need_type": "SPLD"}, ["Kit"]),
        ({"nc_year": "9"}, ["Dara", "Esme", "Uma"]),
        ({"q": "len"}, ["Lena"]),
        ({"code": "K", "nc_year": "8"}, ["Kit", "Lena"]),
    ],
)
def test_each_filter_selects_the_right_pupils(
    client_for, senco, school, register, params, expected
):
    assert names(client_for(senco), school, **params) == expected


def test_the_class_filter(client_for, senco, school, register, class_9c):
    assert names(client_for(senco), school, class_group=class_9c.pk) == ["Dara", "Esme", "Uma"]


def test_sorting_by_highest_level(client_for, senco, school, register):
    assert names(client_for(senco), school, sort="level")[:3] == ["Esme", "Kit", "Dara"]


def test_sorting_by_code(client_for, senco, school, register):
    assert names(client_for(senco), school, sort="code") == [
        "Esme",
        "Dara",
        "Kit",
        "Lena",
        "Omar",
        "Uma",
        "Zed",
    ]


def test_an_invalid_filter_value_is_named(client_for, senco, school, register):
    response = client_for(senco).get(reverse("register", args=[school.urn]), {"code": "Z"})
    assert (
        "Select a valid choice. Z is not one of the available choices." in response.content.decode()
    )


def test_the_summary_counts_the_filtered_list(client_for, senco, school, register):
    response = client_for(senco).get(reverse("register", args=[school.urn]), {"nc_year": "9"})
    summary = response.context["summary"]
    assert summary["total"] == 3
    assert summary["codes"] == [("E", 1), ("K", 1), ("N", 1)]


def test_the_csv_is_exactly_the_filtered_list(client_for, senco, school, register):
    response = client_for(senco).get(
        reverse("register_csv", args=[school.urn]), {"code": "K", "sort": "name"}
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["legal_forename"] for r in rows] == ["Dara", "Kit", "Lena"]
    kit = rows[1]
    assert (
        kit["sen_provision"],
        kit["basis"],
        kit["highest_level"],
        kit["register_status"],
        kit["sen_type_1"],
    ) == (
        "K",
        "level 3 in Cognition and learning",
        "3",
        "SEN support",
        "SPLD",
    )


def test_the_csv_holds_every_page(client_for, senco, school):
    PupilFactory.create_batch(60, school=school)
    response = client_for(senco).get(reverse("register_csv", args=[school.urn]), {"status": ""})
    assert len(b"".join(response.streaming_content).decode().splitlines()) == 61


def test_paging_keeps_the_filters(client_for, senco, school):
    PupilFactory.create_batch(55, school=school, nc_year="7")
    page = (
        client_for(senco)
        .get(reverse("register", args=[school.urn]), {"nc_year": "7"})
        .content.decode()
    )
    assert "?nc_year=7&amp;page=2" in page


def test_a_teachers_csv_holds_only_their_pupils(client_for, teacher, school, register):
    response = client_for(teacher).get(reverse("register_csv", args=[school.urn]), {"status": ""})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sorted(r["legal_forename"] for r in rows) == ["Kit", "Lena", "Omar", "Zed"]
