"""The journeys reach every page: each URL pattern of the register is visited by some journey,
and each one that answers with a page (HTML) has had the page checks (axe, ids, 320 px,
focus). Runs after the journeys (conftest orders it last)."""

from urllib.parse import urlparse

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from tests.e2e import (
    conftest,
    test_journeys,
    test_journeys_accounts,
    test_journeys_census,
    test_journeys_ehc,
    test_journeys_moderation,
    test_journeys_records,
    test_journeys_school_setup,
    test_journeys_transfer,
)

# Patterns no journey opens, and why.
EXEMPT = {
    "admin": "the Django admin: for the IT administrator, outside the register's own pages",
}


def url_names(patterns=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                yield "admin"
            else:
                yield from url_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.name


def name_of(url):
    return resolve(urlparse(url).path).url_name


def test_every_page_a_role_can_reach_is_visited(request):
    modules = (
        test_journeys,
        test_journeys_accounts,
        test_journeys_census,
        test_journeys_ehc,
        test_journeys_moderation,
        test_journeys_records,
        test_journeys_school_setup,
        test_journeys_transfer,
    )
    written = {(m, name) for m in modules for name in dir(m) if name.startswith("test_")}
    running = {(item.module, item.name) for item in request.session.items if item.module in modules}
    if running != written:
        pytest.skip("only when every journey runs (make e2e)")
    requested = {name_of(url) for _method, url, _status, _kind in conftest.responses}
    pages = {
        name_of(url)
        for method, url, status, kind in conftest.responses
        if method == "GET" and status == 200 and kind == "text/html"
    }
    checked = {name_of(url) for _name, url, _stops in conftest.pages_checked}
    names = set(url_names()) - set(EXEMPT)
    assert sorted(names - requested - checked) == [], "no journey visits these"
    assert sorted(pages - checked) == [], "visited, but the page checks never ran on these"
