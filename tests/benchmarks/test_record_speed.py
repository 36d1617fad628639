"""A pupil's record with four years of history: its first look (drawn) beside a look again
(kept under the school's revision, pages/kept_pages.py), time and query count, printed."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.auth import sign_in
from tests.benchmarks.conftest import analyze
from tests.factories import (
    MembershipFactory,
    PupilFactory,
    SchoolFactory,
    SupportPlanFactory,
    give_long_history,
)

TERMS = 12  # four years, three terms a year


def pupil_with_history(school):
    pupil = give_long_history(PupilFactory(school=school), terms=TERMS, strands=9)
    for version in range(1, 4):
        state = "superseded" if version < 3 else "active"
        SupportPlanFactory(pupil=pupil, version=version, state=state)
    return pupil


def timed(client, url):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - started
    assert response.status_code == 200
    return seconds, len(queries)


@pytest.mark.benchmark
@pytest.mark.django_db
def test_a_pupils_record_drawn_and_kept(client, record):
    school = SchoolFactory(urn="300002")
    warm, pupil = PupilFactory(school=school), pupil_with_history(school)
    analyze(connection)
    sign_in(client, MembershipFactory(school=school, role="senco").user)
    client.get(reverse("pupil_record", args=[warm.pk]))  # the templates, the grid
    url = reverse("pupil_record", args=[pupil.pk])

    first, first_queries = timed(client, url)
    again, again_queries = timed(client, url)

    record(f"pupil's record, {TERMS} terms of history, first look", first, queries=first_queries)
    record(
        f"pupil's record, {TERMS} terms of history, looked at again", again, queries=again_queries
    )
