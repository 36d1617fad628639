"""The register page and its CSV for a 3,000-pupil school, and the pupil page of a pupil with
a long history: time and query count, printed."""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pupils.models import Pupil, Strand
from pupils.register_import import RegisterImport
from tests.factories import MembershipFactory, NeedAssessmentFactory, SchoolFactory
from tests.register_files import csv_bytes, generated_register

PUPILS = 3000


def timed_get(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url, params or {})
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return elapsed, len(queries)


@pytest.mark.benchmark
@pytest.mark.django_db
def test_register_of_a_3000_pupil_school(client):
    school = SchoolFactory(urn="300002")
    RegisterImport(school, csv_bytes(generated_register(PUPILS))).run()
    client.force_login(MembershipFactory(school=school, role="senco").user)
    register = reverse("register", args=[school.urn])
    client.get(register)  # warm the template cache

    figures = {
        "register, first page of all": timed_get(client, register),
        "register, K sorted by level": timed_get(client, register, {"code": "K", "sort": "level"}),
        "register CSV, all pupils": timed_get(client, reverse("register_csv", args=[school.urn])),
    }

    pupil = Pupil.objects.filter(school=school).first()
    strands = list(Strand.objects.all())
    for term in range(30):  # ten years of termly assessments on every strand
        for strand in strands:
            NeedAssessmentFactory(
                pupil=pupil,
                strand=strand,
                level=1 + (term + strand.position) % 5,
                assessed_on=datetime.date(2016, 9, 1) + datetime.timedelta(days=120 * term),
            )
    figures["pupil page, 270 assessments"] = timed_get(
        client, reverse("pupil_record", args=[pupil.pk])
    )

    print()
    for name, (seconds, queries) in figures.items():
        print(f"{name:32} {seconds:6.3f} s  {queries:3d} queries")
