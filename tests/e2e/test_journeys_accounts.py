"""Accounts in a real browser: signing in, setting up the second step, a new parent accepting
an invitation, changing and resetting a password, signing out; the page checks on each."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, DEMO_URN, seed_demo
from pupils.models import Pupil
from sen_register.core.models import Membership, Role, School, User
from tests.e2e.conftest import check_page, fill, second_factor, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEW_PASSWORD = "a-long-new-passphrase-2026"


@pytest.fixture
def demo():
    seed_demo(datetime.date.today())


def link_in_last_email():
    return re.search(r"https?://\S+", mail.outbox[-1].body).group(0)


def test_staff_without_an_authenticator_is_asked_to_set_one_up(demo, new_page):
    school = School.objects.get(urn=DEMO_URN)
    user = User.objects.create_user(email="new.teacher@example.org", password=DEMO_PASSWORD)
    Membership.objects.create(user=user, school=school, role=Role.TEACHER)
    page = new_page()
    page.goto("/accounts/login/")
    check_page(page, "sign-in")
    sign_in(page, user.email, DEMO_PASSWORD)
    page.wait_for_url("**/accounts/mfa/setup/**")
    check_page(page, "mfa-setup")


def test_a_new_parent_accepts_an_invitation_and_sets_a_password(demo, new_page):
    senco = User.objects.get(email=DEMO_LOGINS["senco"])
    pupil = Pupil.objects.filter(school__urn=DEMO_URN).order_by("upn").first()
    page = new_page()
    sign_in(page, senco.email, DEMO_PASSWORD, second_factor(senco))
    page.goto(f"/pupils/{pupil.pk}/invite-parent/")
    fill(page, {"email": "new.parent@example.org", "relationship": "father"})
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Invitation sent to new.parent@example.org.")).to_be_visible()

    invited = new_page()
    invited.goto(link_in_last_email())
    check_page(invited, "parent-invitation-accept")
    fill(invited, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    invited.get_by_role("button", name="Set my password").click()
    invited.wait_for_url("**/accounts/invitation/done/**")
    check_page(invited, "parent-invitation-done")


def test_a_parent_changes_then_resets_their_password_and_signs_out(demo, new_page):
    parent = User.objects.get(email=DEMO_LOGINS["parent"])
    page = new_page()
    sign_in(page, parent.email, DEMO_PASSWORD)
    page.goto("/accounts/password_change/")
    check_page(page, "password-change")
    fill(
        page,
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    page.get_by_role("button", name="Change password").click()
    page.wait_for_url("**/accounts/password_change/done/**")
    check_page(page, "password-change-done")
    page.get_by_role("button", name="Sign out").first.click()
    page.wait_for_url("**/accounts/login/**")

    page.goto("/accounts/password_reset/")
    check_page(page, "password-reset")
    fill(page, {"email": parent.email})
    page.get_by_role("button", name=re.compile("^(Send|Reset|Email)")).click()
    page.wait_for_url("**/accounts/password_reset/done/**")
    check_page(page, "password-reset-sent")
    page.goto(link_in_last_email())
    page.wait_for_url("**/accounts/reset/**")
    check_page(page, "password-reset-new")
    again = NEW_PASSWORD + "-again"
    fill(page, {"new_password1": again, "new_password2": again})
    page.get_by_role("button", name="Set password").click()
    page.wait_for_url("**/accounts/reset/done/**")
    check_page(page, "password-reset-done")
    parent.refresh_from_db()
    assert parent.check_password(again)
