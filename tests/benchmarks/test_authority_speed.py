"""An authority on one deployment: 170 schools of 530 pupils (BENCH_SCHOOLS and BENCH_PUPILS
change it). The officer's view over every school, and the census export of the whole
authority in one stream, with its peak memory: each on the day's first look (every standing
worked out) and once standings are kept."""

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
from census.standing import census_return, forget_standings
from sen_register.demo import DEMO_LOGINS, seed_authority
from sen_register.models import School, User
from tests.auth import sign_in
from tests.benchmarks.conftest import analyze, peak_rss_mib

SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "170"))
PUPILS = int(os.environ.get("BENCH_PUPILS", "530"))


@pytest.mark.benchmark
@pytest.mark.django_db
def test_an_authority(client, record):
    today = datetime.date.today()
    started = time.perf_counter()
    seed_authority(today, schools=SCHOOLS, pupils=PUPILS, report=lambda line: None)
    analyze(connection)
    record(f"seed_demo, {SCHOOLS} schools of {PUPILS} pupils", time.perf_counter() - started)

    sign_in(client, User.objects.get(email=DEMO_LOGINS["officer"]))
    client.get(reverse("officer"))  # warm the templates; then forget the standings
    forget_standings()
    for look in ("first look", "kept"):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            assert client.get(reverse("officer")).status_code == 200
        record(
            f"officer's view, {SCHOOLS} schools ({look})",
            time.perf_counter() - started,
            queries=len(queries),
        )

    floor = export_floor()
    schools = list(School.objects.order_by("urn"))
    exported, lines = timed_export(schools, today)
    record(
        f"census export, authority, {lines:,} lines (kept)",
        exported,
        floor_name="one raw SQL read of the columns + csv.writer",
        floor_seconds=floor,
        target=3,
        peak_mib=peak_rss_mib(),
    )
    forget_standings()
    exported, _ = timed_export(schools, today)
    record(
        "census export, authority (first look)",
        exported,
        floor_name="one raw SQL read of the columns + csv.writer",
        floor_seconds=floor,
    )
    assert lines > SCHOOLS * PUPILS * 0.9


def timed_export(schools, on):
    """The whole authority's census return in one stream, each line passed on, not kept."""
    out, lines = io.StringIO(), 0
    started = time.perf_counter()
    for line in csv_lines(census_return(schools, on)):
        out.write(line)
        lines += 1
        if lines % 5000 == 0:
            out.seek(0)
            out.truncate()
    return time.perf_counter() - started, lines


def export_floor():
    started = time.perf_counter()
    floor_out = csv.writer(io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT upn, legal_surname, legal_forename, date_of_birth, nc_year "
            "FROM pupils_pupil ORDER BY school_id, upn"
        )
        for row in cursor:
            floor_out.writerow(row)
    return time.perf_counter() - started
