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
from support_plans.models import Outcome, Provision, ReviewNote, SupportPlan
from tests.auth import sign_in
from tests.benchmarks import bare_urls
from tests.benchmarks.conftest import analyze
from tests.factories import MembershipFactory, NeedAssessmentFactory, SchoolFactory
from tests.register_files import csv_bytes, generated_register

PUPILS = 3000


def timed_get(client, url, params=None, *, keep=None, times=3):
    """(seconds, queries) of the fastest of `times` requests; `keep` receives the response."""
    best = None
    for _ in range(times):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, params or {})
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            elapsed = time.perf_counter() - started
        assert response.status_code == 200
        if best is None or elapsed < best[0]:
            best = (elapsed, len(queries))
    if keep is not None:
        keep.append(response)
    return best


@pytest.mark.benchmark
@pytest.mark.django_db
def test_register_of_a_3000_pupil_school(client, record, settings):
    school = SchoolFactory(urn="300002")
    RegisterImport(school, csv_bytes(generated_register(PUPILS))).run()
    analyze(connection)
    sign_in(client, MembershipFactory(school=school, role="senco").user)
    register = reverse("register", args=[school.urn])
    client.get(register)  # warm the template cache

    pages = []
    figures = {
        "register, first page of all": timed_get(client, register, keep=pages),
        "register, K sorted by level": timed_get(
            client, register, {"code": "K", "sort": "level"}, keep=pages
        ),
        "register CSV, all pupils": timed_get(client, reverse("register_csv", args=[school.urn])),
    }
    floors = [bare_floor(client, settings, page) for page in pages]

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

    plans = SupportPlan.objects.bulk_create(
        SupportPlan(pupil=p, version=1, state="active", starts_on=datetime.date(2025, 9, 1))
        for p in Pupil.objects.filter(school=school)[:500]
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
    figures["provision map, 500 plans"] = timed_get(
        client, reverse("provision_map", args=[school.urn])
    )
    outcomes = Outcome.objects.bulk_create(
        Outcome(
            plan=plans[0],
            what_will_change=f"Outcome {n}",
            how_measured="m",
            baseline="b",
            target_on=datetime.date(2026, 7, 1),
        )
        for n in range(20)
    )
    ReviewNote.objects.bulk_create(
        ReviewNote(outcome=o, written_on=datetime.date(2025, 10, n + 1), text="note")
        for o in outcomes
        for n in range(5)
    )
    figures["plan page, 20 outcomes, 100 notes"] = timed_get(
        client, reverse("plan", args=[plans[0].pk])
    )

    for name, (seconds, queries) in figures.items():
        if name.startswith("register, "):
            record(
                name.replace("register", "register page (50 rows)"),
                seconds,
                queries=queries,
                floor_name="a bare view rendering the register's template with the same 50 rows,"
                " drawn, from memory",
                floor_seconds=floors.pop(0),
                target=3,
            )
        else:
            record(name, seconds, queries=queries)


def bare_floor(client, settings, response):
    """The floor of one register page: its template rendered by a bare view from the context
    the real view built (rows, codes and reasons already worked out), as fast as it goes."""
    names = ["school", "filter", "filter_form", "page", "summary", "rows", "query_string"]
    bare_urls.CONTEXT.clear()
    bare_urls.CONTEXT.update({name: response.context[name] for name in names})
    urlconf = settings.ROOT_URLCONF
    settings.ROOT_URLCONF = "tests.benchmarks.bare_urls"
    try:
        client.get("/bare/")
        seconds, _ = timed_get(client, "/bare/")
    finally:
        settings.ROOT_URLCONF = urlconf
    return seconds
