"""The DfE's rules that depend on the kind of school and what the authority funds: each with a
case that fires and one that does not."""

import datetime

import pytest

from census.models import CensusSnapshot, CensusSnapshotRow
from census.validation import CensusContext, validate
from pupils.models import Pupil, TopUpFunding
from tests.census.conftest import AUTUMN, CENSUS_DAY
from tests.factories import EHCPlanFactory


def found(school, rule):
    findings = validate(CensusContext.of_school(school, CENSUS_DAY))
    return sorted((f.upn, f.severity) for f in findings if f.rule == rule)


def names(census_school, *forenames):
    return sorted(census_school[name].upn for name in forenames)


def make_special(school):
    school.school_type = "special"
    school.save()


def test_2180_a_pupil_at_n_in_a_special_school_is_an_error(school, census_school):
    make_special(school)
    assert [upn for upn, _ in found(school, "2180")] == names(census_school, "dev", "ella")
    assert {severity for _, severity in found(school, "2180")} == {"error"}


def test_2180_does_not_apply_to_a_mainstream_school(school, census_school):
    assert found(school, "2180") == []


def test_2210_a_special_school_with_few_ehc_plans_is_queried(school, census_school):
    make_special(school)
    assert found(school, "2210") == [("-", "query")]


def test_2210_a_special_school_where_most_have_ehc_plans_is_not(school, census_school):
    make_special(school)
    for name in ("beth", "cara", "dev", "ella"):
        EHCPlanFactory(pupil=census_school[name], issued_on=AUTUMN)
    assert found(school, "2210") == []


@pytest.mark.parametrize(
    ("rule", "school_field", "pupil_field"),
    [
        ("2230", "has_sen_unit", "in_sen_unit"),
        ("2250", "has_resourced_provision", "in_resourced_provision"),
    ],
)
def test_the_unit_indicator_is_required_for_k_and_e_where_the_school_has_one(
    school, census_school, rule, school_field, pupil_field
):
    assert found(school, rule) == []  # no unit: nothing to record
    setattr(school, school_field, True)
    school.save()
    assert [upn for upn, _ in found(school, rule)] == names(census_school, "amir", "beth", "cara")

    Pupil.objects.filter(school=school).update(**{pupil_field: False})
    assert found(school, rule) == []  # "not in it" is an answer


def test_1990_top_up_funding_without_an_ehc_plan_is_queried(school, census_school):
    TopUpFunding.objects.create(pupil=census_school["beth"], starts_on=AUTUMN, band="B2")
    TopUpFunding.objects.create(pupil=census_school["amir"], starts_on=AUTUMN, amount=4000)
    TopUpFunding.objects.create(
        pupil=census_school["cara"], starts_on=AUTUMN, ends_on=CENSUS_DAY, band="B1"
    )
    assert found(school, "1990") == [(census_school["beth"].upn, "query")]


def freeze(school, on, with_plan):
    snapshot = CensusSnapshot.objects.create(school=school, census_date=on)
    for n in range(with_plan + 2):
        CensusSnapshotRow.objects.create(
            snapshot=snapshot,
            upn=f"X{n:012d}",
            legal_surname="S",
            legal_forename="F",
            date_of_birth=datetime.date(2013, 5, 1),
            nc_year="8",
            sen_provision="E" if n < with_plan else "N",
            basis="b",
        )


def test_ehc_plan_numbers_far_from_the_last_census_are_queried(school, census_school):
    freeze(school, AUTUMN, with_plan=4)  # 4 then, 1 now: -75%
    assert found(school, "TERM-EHC") == [("-", "query")]


def test_ehc_plan_numbers_close_to_the_last_census_are_not(school, census_school):
    freeze(school, datetime.date(2025, 5, 15), with_plan=4)
    freeze(school, AUTUMN, with_plan=1)  # the latest before the day: 1 then, 1 now
    freeze(school, datetime.date(2026, 5, 21), with_plan=9)  # after the day: not compared
    assert found(school, "TERM-EHC") == []


# Recording them in the browser -------------------------------------------------------------


def test_the_head_records_the_school_as_special(client_for, head, school):
    from django.urls import reverse

    response = client_for(head).post(
        reverse("school_details", args=[school.urn]),
        {"school_type": "special", "has_sen_unit": "on"},
    )
    school.refresh_from_db()
    assert response.status_code == 302
    assert (school.school_type, school.has_sen_unit, school.has_resourced_provision) == (
        "special",
        True,
        False,
    )


def test_the_unit_question_is_asked_of_a_pupil_only_where_the_school_has_one(school, ava):
    from pupils.pupil_forms import PupilDetailsForm

    assert "in_sen_unit" not in PupilDetailsForm(instance=ava, school=school).fields
    school.has_sen_unit = True
    assert "in_sen_unit" in PupilDetailsForm(instance=ava, school=school).fields
    assert "in_resourced_provision" not in PupilDetailsForm(instance=ava, school=school).fields


def test_the_senco_records_top_up_funding_and_the_census_asks_about_it(
    client_for, senco, school, census_school
):
    from django.urls import reverse

    beth = census_school["beth"]
    url = reverse("top_up_funding", args=[beth.pk])
    refused = client_for(senco).post(url, {"starts_on": "2025-09-01"})
    assert "Give the amount a year, the band, or both." in refused.content.decode()
    assert not TopUpFunding.objects.exists()

    client_for(senco).post(url, {"starts_on": "2025-09-01", "amount": "3500.00"})

    assert TopUpFunding.objects.get().recorded_by == senco
    assert found(school, "1990") == [(beth.upn, "query")]
