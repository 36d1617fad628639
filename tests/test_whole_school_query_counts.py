"""The pages of a 3,000-pupil school run the same fixed number of queries as a small one."""

import pytest
from django.urls import reverse

from pupils.register_import import RegisterImport
from tests.factories import MembershipFactory
from tests.register_files import csv_bytes, generated_register


@pytest.fixture
def big_school(school):
    RegisterImport(school, csv_bytes(generated_register(3000))).run()
    return school


@pytest.fixture
def as_senco(client, big_school):
    client.force_login(MembershipFactory(school=big_school, role="senco").user)
    return client


def test_the_register_page_of_3000_pupils(as_senco, big_school, django_assert_num_queries):
    # as pinned in tests/pupils/test_register_and_record_pages.py for 3 and 80 pupils
    with django_assert_num_queries(14):
        response = as_senco.get(reverse("register", args=[big_school.urn]))
    assert response.context["summary"]["total"] == 3000


def test_the_census_page_of_3000_pupils(as_senco, big_school, django_assert_num_queries):
    # as pinned in tests/census/test_census_pages.py for 5 and 120 pupils
    with django_assert_num_queries(14):
        response = as_senco.get(reverse("census", args=[big_school.urn]) + "?date=2026-01-15")
    assert response.context["pupil_count"] == 3000


def test_the_senco_home_of_3000_pupils(as_senco, big_school, django_assert_num_queries):
    with django_assert_num_queries(15):
        response = as_senco.get(reverse("school_home", args=[big_school.urn]))
    assert response.context["picture"]["on_roll"] == 3000
