"""Whatever a query string holds, no page fails with a server error; and every response says
how it may be kept (signed-in pages and downloads never in a cache) and what the browser may
not do (a Permissions-Policy)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_access_matrix import CENSUS_DAY, MATRIX, world  # noqa: F401 (a fixture)

# Every parameter any page reads, and some no page reads.
KEYS = [
    "page",
    "date",
    "q",
    "nc_year",
    "class_group",
    "need_type",
    "code",
    "level",
    "area",
    "status",
    "level_two_unclear",
    "departs",
    "include_left",
    "sort",
    "earlier",
    "later",
    "next",
    "school",
    "x",
]
AWKWARD = [
    "",
    "0",
    "-1",
    "9223372036854775807",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "0001-01-01",
    "9999-12-31",
    "2025-02-30",
    "\x00",
    "a\x00b",
    " ".join(["word"] * 500),
    "%",
    "'; DROP TABLE pupils_pupil; --",
    "../../etc/passwd",
    "//evil.test",
    "https://evil.test/",
    "on",
    "true",
    "Ȧ̧͂ 李 🙂",
]
VALUES = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=40), st.integers().map(str))
QUERIES = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=5)

# Each page once, seen by the first persona the access matrix lets see it.
PAGES = {}
for case, name, kwargs, method, expected in MATRIX:
    if method != "get":
        continue
    for persona, outcome in expected.items():
        if outcome == 200 and name not in PAGES:
            PAGES[name] = (case, kwargs, persona)


@pytest.mark.parametrize("url_name", sorted(PAGES))
def test_no_query_string_gives_a_server_error(client_for, world, url_name):  # noqa: F811
    case, kwargs, persona = PAGES[url_name]
    client = client_for(getattr(world.personas, persona))
    url = reverse(url_name, kwargs=kwargs(world))
    slow = url_name in {"plan_pdf", "evidence_pack"}

    @settings(
        max_examples=8 if slow else 40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=QUERIES)
    def never_a_server_error(query):
        response = client.get(url, query)
        assert response.status_code < 500, (url, query)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)  # a streamed file fails while streaming

    never_a_server_error()


def test_a_census_day_out_of_range_is_named_not_a_server_error(client_for, head, school, ava):
    from tests.factories import EHCPlanFactory

    EHCPlanFactory(pupil=ava)
    page = client_for(head).get(f"/schools/{school.urn}/census/", {"date": "0001-01-01"})
    assert page.status_code == 200
    assert "Choose a day between 2000 and 2099." in page.content.decode()
    export = client_for(head).get(f"/schools/{school.urn}/census/export.csv?date=0001-01-01")
    assert export.status_code == 400


def test_a_signed_in_page_and_a_download_are_never_cached(client_for, senco, school):
    client = client_for(senco)
    for url in (f"/schools/{school.urn}/", f"/schools/{school.urn}/register.csv"):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_every_page_says_what_the_browser_may_not_use(client):
    response = client.get(reverse("login"))
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
