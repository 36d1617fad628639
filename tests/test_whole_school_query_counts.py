"""The pages of a 3,000-pupil school run the same fixed number of queries as a small one."""

import pytest
from django.urls import reverse

from pupils.register_import import RegisterImport
from tests.auth import sign_in
from tests.factories import MembershipFactory
from tests.register_files import csv_bytes, generated_register


@pytest.fixture
def big_school(school):
    RegisterImport(school, csv_bytes(generated_register(3000))).run()
    return school


@pytest.fixture
def as_senco(client, big_school):
    sign_in(client, MembershipFactory(school=big_school, role="senco").user)
    return client


def test_the_register_page_of_3000_pupils(as_senco, big_school, django_assert_num_queries):
    # as pinned in tests/pupils/test_register_and_record_pages.py for 3 and 80 pupils (a
    # first look: nothing kept yet)
    with django_assert_num_queries(10):
        response = as_senco.get(reverse("register", args=[big_school.urn]), {"status": ""})
    assert response.context["summary"]["total"] == 3000


def test_the_census_page_of_3000_pupils(as_senco, big_school, django_assert_num_queries):
    # as pinned in tests/census/test_census_pages.py for 5 and 120 pupils
    with django_assert_num_queries(14):
        response = as_senco.get(reverse("census", args=[big_school.urn]) + "?date=2026-01-15")
    assert response.context["pupil_count"] == 3000


def test_the_senco_home_of_3000_pupils(as_senco, big_school, django_assert_num_queries):
    # as pinned in tests/pupils/test_register_and_record_pages.py for 2 and 40 pupils
    with django_assert_num_queries(13):
        response = as_senco.get(reverse("school_home", args=[big_school.urn]))
    assert response.context["picture"]["on_roll"] == 3000


def test_the_provision_map_of_3000_pupils(as_senco, big_school, django_assert_num_queries):
    import datetime

    from pupils.models import Pupil
    from support_plans.models import Provision, SupportPlan

    plans = SupportPlan.objects.bulk_create(
        SupportPlan(pupil=pupil, version=1, state="active", starts_on=datetime.date(2025, 9, 1))
        for pupil in Pupil.objects.filter(school=big_school)[:500]
    )
    Provision.objects.bulk_create(
        Provision(
            plan=plan,
            what=what,
            delivered_by="TA",
            group_size=3,
            sessions_per_week=2,
            minutes_per_session=30,
            starts_on=plan.starts_on,
            hourly_rate=18,
        )
        for plan in plans
        for what in ("Lego therapy", "Precision teaching")
    )
    # as pinned in tests/support_plans/test_checks_and_map.py for 2 and 40 pupils
    with django_assert_num_queries(9):
        response = as_senco.get(reverse("provision_map", args=[big_school.urn]))
    assert response.context["totals"]["pupils"] == 500
