"""A session verified with a second factor stays verified without asking the database on each
request, and ends as soon as the authenticator it was verified with stops counting."""

import pytest
from django.contrib.auth import get_user
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import MembershipFactory


@pytest.fixture
def signed_in(client_for, senco):
    return client_for(senco)


def _home(client, school):
    return client.get(reverse("school_home", args=[school.urn]))


def test_a_verified_session_does_not_read_the_authenticator_on_each_page(signed_in, school):
    with CaptureQueriesContext(connection) as queries:
        assert _home(signed_in, school).status_code == 200
    assert not [q for q in queries if "otp_totp_totpdevice" in q["sql"]]


def test_removing_the_authenticator_ends_the_session(signed_in, senco, school):
    TOTPDevice.objects.filter(user=senco).delete()
    response = _home(signed_in, school)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not get_user(signed_in).is_authenticated


def test_an_authenticator_made_unconfirmed_ends_the_session(signed_in, senco, school):
    device = TOTPDevice.objects.get(user=senco)
    device.confirmed = False
    device.save()
    assert _home(signed_in, school).url.startswith(reverse("login"))


def test_an_authenticator_moved_to_someone_else_ends_its_holders_session(signed_in, senco, school):
    device = TOTPDevice.objects.get(user=senco)
    device.user = MembershipFactory(school=school, role="head").user
    device.save()
    assert _home(signed_in, school).url.startswith(reverse("login"))


def test_using_the_authenticator_keeps_the_session(signed_in, senco, school):
    device = TOTPDevice.objects.get(user=senco)
    device.throttle_increment()  # a wrong code typed somewhere: saved, still counting
    device.name = "New phone"
    device.save()
    assert _home(signed_in, school).status_code == 200


def test_another_persons_authenticator_going_leaves_this_session_alone(signed_in, school):
    head = MembershipFactory(school=school, role="head").user
    TOTPDevice.objects.create(user=head, name="phone", confirmed=True).delete()
    assert _home(signed_in, school).status_code == 200


def test_sessions_signed_in_before_this_change_carry_on(senco):
    """Until an authenticator stops counting, the session hash is Django's own, so deploying
    this signs nobody out."""
    assert senco.second_factor_changes == 0
    assert senco.get_session_auth_hash() == AbstractBaseUser._get_session_auth_hash(senco)
    senco.second_factor_changes = 1
    assert senco.get_session_auth_hash() != AbstractBaseUser._get_session_auth_hash(senco)
