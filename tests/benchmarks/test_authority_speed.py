"""An authority on one deployment: 170 schools of 530 pupils (BENCH_SCHOOLS and BENCH_PUPILS
change it). The officer's view over every school, and the census export of the whole
authority, streamed school by school, with its peak memory."""

import csv
import datetime
import io
import os
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from census.exports import csv_lines
from census.records import census_rows
from sen_register.demo import DEMO_LOGINS, seed_authority
from sen_register.models import School, User
from tests.auth import sign_in
from tests.benchmarks.conftest import peak_rss_mib

SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "170"))
PUPILS = int(os.environ.get("BENCH_PUPILS", "530"))


@pytest.mark.benchmark
@pytest.mark.django_db
def test_an_authority(client, record):
    today = datetime.date.today()
    started = time.perf_counter()
    seed_authority(today, schools=SCHOOLS, pupils=PUPILS, report=lambda line: None)
    record(f"seed_demo, {SCHOOLS} schools of {PUPILS} pupils", time.perf_counter() - started)

    sign_in(client, User.objects.get(email=DEMO_LOGINS["officer"]))
    client.get(reverse("officer"))
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        assert client.get(reverse("officer")).status_code == 200
    record(
        f"officer's view, {SCHOOLS} schools", time.perf_counter() - started, queries=len(queries)
    )

    out, lines = io.StringIO(), 0
    started = time.perf_counter()
    for school in School.objects.order_by("urn"):
        for line in csv_lines(census_rows(school, today)):
            out.write(line)
            lines += 1
        out.seek(0)
        out.truncate()  # each school's lines are passed on, not kept
    export = time.perf_counter() - started
    peak = peak_rss_mib()

    started = time.perf_counter()
    floor_out = csv.writer(io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT upn, legal_surname, legal_forename, date_of_birth, nc_year "
            "FROM pupils_pupil ORDER BY school_id, upn"
        )
        for row in cursor:
            floor_out.writerow(row)
    floor = time.perf_counter() - started
    assert lines > SCHOOLS * PUPILS * 0.9
    record(
        f"census export, whole authority ({lines:,} lines)",
        export,
        floor_name="one raw SQL read of the columns + csv.writer",
        floor_seconds=floor,
        target=3,
        peak_mib=peak,
    )
