"""Sign-in protection: lockout after repeated failures, a second factor for staff, short
sessions, and a Content Security Policy. Each test fails if its protection is taken away."""

import pathlib
import re
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import DEMO_PASSWORD

LOGIN = reverse("login")


def sign_in_with_password(client, user, password=DEMO_PASSWORD):
    return client.post(LOGIN, {"username": user.email, "password": password})


def code_for(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


# Lockout (django-axes) ------------------------------------------------------------------


def test_ten_failures_lock_the_account_with_a_clear_message(client, senco):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in_with_password(client, senco, "wrong").status_code == 200
    locked = sign_in_with_password(client, senco, "wrong")
    assert locked.status_code == 429
    assert "Signing in is paused for this account" in locked.content.decode()
    # Even the right password is refused while locked.
    assert sign_in_with_password(client, senco).status_code == 429
    assert "_auth_user_id" not in client.session


def test_fewer_failures_do_not_lock(client, senco):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in_with_password(client, senco, "wrong")
    assert sign_in_with_password(client, senco).status_code == 302


def test_an_administrator_can_unlock_an_account(client, senco):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_with_password(client, senco, "wrong")
    call_command("axes_reset_username", senco.email)
    assert sign_in_with_password(client, senco).status_code == 302


# Second factor ---------------------------------------------------------------------------


def test_staff_must_set_up_a_second_factor_before_seeing_anything(client, senco, school):
    response = sign_in_with_password(client, senco)
    home = client.get(reverse("school_home", args=[school.urn]))
    assert home.status_code == 302
    assert home.url.startswith(reverse("mfa_setup"))
    setup = client.get(home.url)
    assert "type this key instead" in setup.content.decode()
    assert "<svg" in setup.content.decode()  # the QR code, drawn on the server

    device = TOTPDevice.objects.get(user=senco, confirmed=False)
    wrong = client.post(
        reverse("mfa_setup"), {"code": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert "That code is not right" in wrong.content.decode()
    # Guessing is slowed down: straight after a wrong code even the right one must wait.
    hurried = client.post(reverse("mfa_setup"), {"code": code_for(device)})
    assert "Too many wrong codes in a row" in hurried.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post(
        reverse("mfa_setup"),
        {"code": code_for(device), "next": reverse("school_home", args=[school.urn])},
    )
    assert done.url == reverse("school_home", args=[school.urn])
    assert client.get(done.url).status_code == 200
    assert response.status_code == 302


def test_staff_with_an_authenticator_enter_a_code_at_each_sign_in(client, head, school):
    device = TOTPDevice.objects.create(user=head, name="phone", confirmed=True)
    sign_in_with_password(client, head)
    page = client.get(reverse("register", args=[school.urn]))
    assert page.url.startswith(reverse("mfa_verify"))
    client.post(reverse("mfa_verify"), {"code": code_for(device)})
    assert client.get(reverse("register", args=[school.urn])).status_code == 200


def test_a_parent_is_not_asked_for_a_second_factor_but_may_choose_one(client, parent, ava):
    sign_in_with_password(client, parent)
    assert client.get(reverse("child", args=[ava.pk])).status_code == 200
    client.get(reverse("mfa_setup"))
    device = TOTPDevice.objects.get(user=parent)
    client.post(reverse("mfa_setup"), {"code": code_for(device)})
    client.logout()
    sign_in_with_password(client, parent)
    assert client.get(reverse("child", args=[ava.pk])).url.startswith(reverse("mfa_verify"))


def test_the_admin_needs_the_second_factor_too(client, db):
    from sen_register.models import User

    it = User.objects.create_superuser(email="it@hillside.test", password=DEMO_PASSWORD)
    sign_in_with_password(client, it)
    assert client.get(reverse("admin:index")).url.startswith(reverse("mfa_setup"))


def test_production_refuses_to_run_without_the_second_factor(monkeypatch):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            "DJANGO_SETTINGS_MODULE": "sen_register.settings",
            "SEN_REGISTER_PRODUCTION": "1",
            "SECRET_KEY": "x" * 60,
            "SEN_REGISTER_MFA_REQUIRED": "0",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        cwd=pathlib.Path(__file__).resolve().parents[2],
    )
    assert result.returncode != 0
    assert "SEN_REGISTER_MFA_REQUIRED cannot be turned off in production" in result.stderr


# Session lifetime -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signed_in_ago", "seen_ago", "message"),
    [
        (60 * 60, 31 * 60, "You were signed out after 30 minutes without activity."),
        (9 * 60 * 60, 60, "You were signed out: a session lasts at most 8 hours."),
    ],
)
def test_an_idle_or_old_session_is_signed_out(
    client_for, senco, school, signed_in_ago, seen_ago, message
):
    client = client_for(senco)
    session = client.session
    now = time.time()
    session["signed_in_at"], session["last_seen"] = now - signed_in_ago, now - seen_ago
    session.save()
    response = client.get(reverse("school_home", args=[school.urn]), follow=True)
    assert response.redirect_chain[0][0].startswith(LOGIN)
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_active_session_carries_on(client_for, senco, school):
    client = client_for(senco)
    session = client.session
    session["last_seen"] = time.time() - 29 * 60
    session.save()
    assert client.get(reverse("school_home", args=[school.urn])).status_code == 200
    assert time.time() - client.session["last_seen"] < 5  # activity recorded


# Content Security Policy ----------------------------------------------------------------


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get(LOGIN)["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_no_template_has_an_inline_script_or_style():
    # The PDF templates are rendered on the server by WeasyPrint, never served as pages.
    templates = pathlib.Path(settings.BASE_DIR, "templates")
    for path in templates.rglob("*.html"):
        if "pdf" in path.parts:
            continue
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", text), path
