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
pages_checked = []


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
        context = browser.new_context(base_url=live_server.url, accept_downloads=True)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def check_page(page, name):
    """axe-core on the page as it stands: no serious or critical WCAG 2.x A/AA violation.
    A screenshot is kept for a reviewer."""
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    result = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    pages_checked.append((name, page.url))
    assert not serious, f"{name} ({page.url}): {serious}"


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
        for name, url in pages_checked:
            terminalreporter.write_line(f"  {name}: {url}")
