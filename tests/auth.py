"""Signing a test client in as a user would be after both steps: password, and (for anyone
with an authenticator) the code."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sen_register.core.mfa import needs_second_factor


def sign_in(client, user):
    client.force_login(user)
    if needs_second_factor(user) or user.memberships.exists():
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="Test phone", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
