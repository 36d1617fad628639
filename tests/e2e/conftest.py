"""Browser tests: Debian's Chromium driven by Playwright against the app on pytest-django's live
server, with axe-core checking every page a journey visits. Run with `make e2e`."""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the Django calls the tests make
# (setting up data, reading results) are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()
pages_checked = []  # (name, url, tab stops) of every page check_page looked at
responses = []  # (method, url, status, content type) of every response from the app


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    contexts = []

    def open_page():
        context = browser.new_context(
            base_url=live_server.url,
            accept_downloads=True,
            viewport={"width": WIDE, "height": 900},
        )
        context.set_default_timeout(15_000)
        context.on("response", _keep(live_server.url))
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def _keep(base_url):
    def keep(response):
        if response.url.startswith(base_url) and "/static/" not in response.url:
            kind = response.headers.get("content-type", "").split(";")[0]
            responses.append((response.request.method, response.url, response.status, kind))

    return keep


def pytest_collection_modifyitems(items):
    """The test that every page was visited runs after the journeys that visit them."""
    items.sort(key=lambda item: item.name == "test_every_page_a_role_can_reach_is_visited")


FOCUS_CHECK = (Path(__file__).parent / "focus.js").read_text(encoding="utf-8")
# The outermost elements reaching past the right edge: what makes a page scroll sideways.
WIDE_ELEMENTS = """(edge) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > edge + 1)
  .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= edge + 1)
  .slice(0, 5)
  .map(e => [e, e.parentElement]
    .map(n => `${n.tagName.toLowerCase()}.${[...n.classList].join('.')}`).join(' in '))"""
WIDE, PHONE, NARROWEST = 1280, 390, 320  # px: a desktop, a phone, WCAG 1.4.10's reflow width


def check_page(page, name):
    """WCAG 2.2 AA on the page as it stands, as far as a machine can tell:
    - axe-core finds no violation of any impact;
    - every id is unique;
    - at 320 px nothing scrolls sideways (wide tables scroll in their own box);
    - every tab stop shows its focus at 3:1 or more against its surround.
    A screenshot at 1280 px and at 390 px is kept for a reviewer (make e2e)."""
    page.wait_for_load_state("networkidle")
    result = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result.response["violations"]
    ]
    assert not violations, f"{name} ({page.url}): {violations}"
    repeated = page.evaluate(
        """() => { const seen = {}; for (const e of document.querySelectorAll('[id]'))
             seen[e.id] = (seen[e.id] || 0) + 1;
           return Object.keys(seen).filter(id => seen[id] > 1); }"""
    )
    assert not repeated, f"{name}: ids used more than once: {repeated}"
    page.mouse.move(0, 0)  # a hovered button looks different from a focused one
    focus = page.evaluate(FOCUS_CHECK)
    assert not focus["failures"], f"{name}: focus not visible on {focus['failures'][:5]}"
    height = page.viewport_size["height"] if page.viewport_size else 900
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{WIDE}.png", full_page=True)
    try:
        page.set_viewport_size({"width": NARROWEST, "height": height})
        overflow = page.evaluate("document.documentElement.scrollWidth")
        widest = page.evaluate(WIDE_ELEMENTS, NARROWEST) if overflow > NARROWEST else []
        assert overflow <= NARROWEST, f"{name}: {overflow} px wide at {NARROWEST} px: {widest}"
        page.set_viewport_size({"width": PHONE, "height": height})
        page.screenshot(path=SCREENSHOTS / f"{name}-{PHONE}.png", full_page=True)
    finally:
        page.set_viewport_size({"width": WIDE, "height": height})
    pages_checked.append((name, page.url, focus["stops"]))


def second_factor(user):
    """An authenticator set up for `user`, and a way to read its current code."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

    def code():
        device.refresh_from_db()
        return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"

    return code


def sign_in(page, email, password, code=None):
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if code is not None:
        page.wait_for_url("**/accounts/mfa/verify/**")
        check_page(page, "second-step-code")
        page.get_by_label("The 6-digit code from your authenticator app").fill(code())
        page.get_by_role("button", name="Continue").click()


def pytest_terminal_summary(terminalreporter):
    if pages_checked:
        terminalreporter.write_line(f"axe checked {len(pages_checked)} page visits:")
        for name, url, stops in pages_checked:
            terminalreporter.write_line(f"  {name}: {url} ({stops} tab stops)")


def fill(page, values):
    """Fill a form by field name, whatever draws it: text, date, select, radios, checkbox."""
    for name, value in values.items():
        fields = page.locator(f"[name='{name}']")
        first = fields.first
        tag = first.evaluate("e => e.tagName.toLowerCase()")
        kind = first.get_attribute("type") or ""
        if tag == "select":
            first.select_option(str(value))
        elif kind == "radio":
            page.locator(f"[name='{name}'][value='{value}']").check()
        elif kind == "checkbox":
            first.check() if value else first.uncheck()
        else:
            first.fill(str(value))


def open_and_check(page, link, name):
    """Follow a link by its text and check the page it leads to."""
    page.get_by_role("link", name=link, exact=True).first.click()
    page.wait_for_load_state()
    check_page(page, name)
