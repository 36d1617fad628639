"""Sign-in protection: lockout after repeated failures, a second factor for staff, short
sessions, and a Content Security Policy. Each test fails if its protection is taken away."""

import pathlib
import re
import time
from base64 import b32encode

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sen_register.core.mfa import SETUP_KEY
from tests.factories import DEMO_PASSWORD, MembershipFactory

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


def fail(client, email, address="127.0.0.1", times=1, **headers):
    for _ in range(times):
        client.post(LOGIN, {"username": email, "password": "wrong"}, REMOTE_ADDR=address, **headers)


def signs_in(client, user, address="127.0.0.1", email=None, **headers):
    response = client.post(
        LOGIN,
        {"username": email or user.email, "password": DEMO_PASSWORD},
        REMOTE_ADDR=address,
        **headers,
    )
    return response.status_code == 302


def test_a_locked_account_stays_locked_however_the_address_is_spelled(client, senco):
    for n in range(settings.SIGN_IN_ACCOUNT_LIMIT):
        fail(client, senco.email, address=f"203.0.113.{n + 1}")
    assert not signs_in(client, senco, address="198.51.100.7", email="  SENCO@Hillside.TEST ")


def test_guesses_spread_over_spellings_count_against_one_account(client, senco):
    spellings = [
        "senco@hillside.test",
        "SENCO@hillside.test",
        "Senco@Hillside.Test ",
        " senco@HILLSIDE.test",
        "sEnCo@hillside.TEST",
    ]
    for n in range(settings.SIGN_IN_ACCOUNT_LIMIT):
        fail(client, spellings[n % len(spellings)], address=f"203.0.113.{n + 1}")
    assert not signs_in(client, senco, address="198.51.100.7")


def test_signing_in_to_ones_own_account_never_clears_anothers_failures(client, senco, parent):
    fail(client, senco.email, times=settings.AXES_FAILURE_LIMIT - 1)
    assert signs_in(client, parent)  # an attacker's own account, from the same address
    client.logout()
    fail(client, senco.email)
    assert not signs_in(client, senco)


def test_colleagues_behind_one_router_are_not_paused_by_each_others_typos(client, senco):
    for n in range(5):
        fail(client, f"colleague{n}@hillside.test", times=settings.AXES_FAILURE_LIMIT)
    assert signs_in(client, senco)


def test_many_accounts_tried_from_one_address_pause_that_address(client, senco):
    per_account = settings.AXES_FAILURE_LIMIT - 1
    for n in range(-(-settings.SIGN_IN_ADDRESS_LIMIT // per_account)):
        fail(client, f"guess{n}@hillside.test", times=per_account)
    response = client.post(LOGIN, {"username": senco.email, "password": DEMO_PASSWORD})
    assert response.status_code == 429
    assert "paused from this network" in response.content.decode()
    assert signs_in(client, senco, address="198.51.100.7")  # from elsewhere, as usual


def test_guesses_from_many_addresses_pause_the_account_everywhere(client, senco):
    for n in range(settings.SIGN_IN_ACCOUNT_LIMIT):
        fail(client, senco.email, address=f"203.0.113.{n + 1}")
    assert not signs_in(client, senco, address="198.51.100.7")


def test_behind_a_trusted_proxy_the_address_it_saw_is_counted(client, senco, settings):
    settings.SEN_REGISTER_TRUSTED_PROXIES = 1
    proxy = "10.0.0.1"
    for n in range(settings.AXES_FAILURE_LIMIT):
        # What the client writes into the header itself changes nothing.
        fail(client, senco.email, proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9")
    assert not signs_in(client, senco, proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert signs_in(client, senco, proxy, HTTP_X_FORWARDED_FOR="203.0.113.10")


def test_without_a_trusted_proxy_a_forwarded_header_is_ignored(client, senco):
    for n in range(settings.AXES_FAILURE_LIMIT):
        fail(client, senco.email, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert not signs_in(client, senco)


# Second factor ---------------------------------------------------------------------------


def setup_device(client):
    """The authenticator the set-up page in this client's session would store."""
    return TOTPDevice(key=client.session[SETUP_KEY])


def test_staff_must_set_up_a_second_factor_before_seeing_anything(client, senco, school):
    response = sign_in_with_password(client, senco)
    home = client.get(reverse("school_home", args=[school.urn]))
    assert home.status_code == 302
    assert home.url.startswith(reverse("mfa_setup"))
    setup = client.get(home.url)
    assert "type this key instead" in setup.content.decode()
    assert "<svg" in setup.content.decode()  # the QR code, drawn on the server

    device = setup_device(client)
    wrong = client.post(
        reverse("mfa_setup"), {"code": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert "That code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=senco).exists()
    done = client.post(
        reverse("mfa_setup"),
        {"code": code_for(device), "next": reverse("school_home", args=[school.urn])},
    )
    assert done.url == reverse("school_home", args=[school.urn])
    assert client.get(done.url).status_code == 200
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=senco, confirmed=True).key == device.key


def test_each_visit_to_set_up_shows_a_fresh_key_and_stores_nothing(client, senco):
    sign_in_with_password(client, senco)
    client.get(reverse("mfa_setup"))
    first = setup_device(client).key
    client.get(reverse("mfa_setup"))
    assert setup_device(client).key != first
    assert not TOTPDevice.objects.filter(user=senco).exists()


def test_an_old_unconfirmed_key_is_never_shown_again(client, senco):
    old = TOTPDevice.objects.create(user=senco, name="from before", confirmed=False)
    sign_in_with_password(client, senco)
    page = client.get(reverse("mfa_setup")).content.decode()
    old_key = b32encode(old.bin_key).decode().rstrip("=")
    assert old_key[:8] not in page.replace(" ", "")
    assert setup_device(client).key != old.key


def test_a_key_read_by_someone_else_with_the_password_cannot_be_confirmed(
    client, senco, school, django_user_model
):
    from django.test import Client

    intruder = Client()
    sign_in_with_password(intruder, senco)
    intruder.get(reverse("mfa_setup"))
    stolen = setup_device(intruder)

    sign_in_with_password(client, senco)
    client.get(reverse("mfa_setup"))
    own = setup_device(client)
    assert own.key != stolen.key
    client.post(reverse("mfa_setup"), {"code": code_for(own)})
    assert TOTPDevice.objects.get(user=senco).key == own.key

    # The intruder's key is worth nothing: set-up now asks for the holder's code instead.
    tried = intruder.post(reverse("mfa_setup"), {"code": code_for(stolen)})
    assert tried.url.startswith(reverse("mfa_verify"))
    assert intruder.get(reverse("school_home", args=[school.urn])).status_code == 302


def test_a_code_typed_with_a_space_is_accepted(client, head, school):
    device = TOTPDevice.objects.create(user=head, name="phone", confirmed=True)
    sign_in_with_password(client, head)
    page = client.get(reverse("mfa_verify")).content.decode()
    assert 'maxlength="6"' not in page
    code = code_for(device)
    client.post(reverse("mfa_verify"), {"code": f"{code[:3]} {code[3:]}"})
    assert client.get(reverse("register", args=[school.urn])).status_code == 200


def test_a_role_granted_mid_session_asks_for_the_second_step_on_the_next_page(
    client, parent, ava, school
):
    sign_in_with_password(client, parent)
    assert client.get(reverse("child", args=[ava.pk])).status_code == 200
    MembershipFactory(user=parent, school=school, role="senco")
    refused = client.get(reverse("register", args=[school.urn]))
    assert refused.status_code == 302 and refused.url.startswith(reverse("mfa_setup"))


def test_adding_or_removing_an_authenticator_is_emailed_to_its_holder(
    client, senco, mailoutbox, django_capture_on_commit_callbacks
):
    sign_in_with_password(client, senco)
    client.get(reverse("mfa_setup"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_setup"), {"code": code_for(setup_device(client))})
    assert [m.to for m in mailoutbox] == [[senco.email]]
    assert "was added" in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        TOTPDevice.objects.get(user=senco).delete()
    assert "was removed" in mailoutbox[1].subject and mailoutbox[1].to == [senco.email]


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
    client.post(reverse("mfa_setup"), {"code": code_for(setup_device(client))})
    client.logout()
    sign_in_with_password(client, parent)
    assert client.get(reverse("child", args=[ava.pk])).url.startswith(reverse("mfa_verify"))


def test_the_admin_needs_the_second_factor_too(client, db):
    from sen_register.core.models import User

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


def test_asking_how_long_is_left_is_not_activity(client_for, senco):
    client = client_for(senco)
    session = client.session
    session["last_seen"] = time.time() - 25 * 60
    session.save()
    status = client.get(reverse("session_status")).json()
    assert 4 * 60 < status["seconds_left"] <= 5 * 60
    assert status["warn_before"] == 120
    assert time.time() - client.session["last_seen"] > 24 * 60  # the clock was left alone


def test_staying_signed_in_restarts_the_idle_clock_but_not_the_fixed_limit(client_for, senco):
    client = client_for(senco)
    session = client.session
    now = time.time()
    session["signed_in_at"], session["last_seen"] = now - 7 * 60 * 60 - 50 * 60, now - 29 * 60
    session.save()
    status = client.post(reverse("session_keep_alive")).json()
    assert time.time() - client.session["last_seen"] < 5
    assert status["seconds_left"] <= 10 * 60  # 8 hours from signing in, whatever the activity


def test_asked_after_the_limit_it_signs_out_and_answers_no_time_left(client_for, senco, school):
    client = client_for(senco)
    session = client.session
    session["last_seen"] = time.time() - 31 * 60
    session.save()
    response = client.get(reverse("session_status"))
    assert response.json()["seconds_left"] == 0  # an answer, not the sign-in page
    assert "_auth_user_id" not in client.session
    # The message waits for the page the browser opens next.
    page = client.get(reverse("school_home", args=[school.urn]), follow=True)
    assert "You were signed out after 30 minutes without activity." in page.content.decode()


def test_signed_out_there_is_no_time_left(client):
    assert client.get(reverse("session_status")).json()["seconds_left"] == 0


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
