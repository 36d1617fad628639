"""Inviting a parent or carer: an account linked to the child, and an email with a one-time
link to set a password. The link is Django's password-reset token: it stops working once the
password is set, and expires after PASSWORD_RESET_TIMEOUT (three days by default)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import ParentInvitation, ParentLink


class InvitationError(Exception):
    pass


def invitation_link(user, base_url):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url + reverse("invitation_accept", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def parent_invite(*, pupil, email, relationship, invited_by, base_url):
    """Link the parent to the child (creating their account if new) and email them. Inviting
    again someone who has not yet set a password sends a fresh link."""
    User = get_user_model()
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None)
    already = ParentLink.objects.filter(parent=user, pupil=pupil).exists()
    if already and user.has_usable_password():
        raise InvitationError(f"{email} can already see {pupil.display_name}'s plans.")
    if not already:
        ParentLink.objects.create(parent=user, pupil=pupil, relationship=relationship)
    ParentInvitation.objects.create(
        pupil=pupil, email=email, relationship=relationship, invited_by=invited_by
    )
    school = pupil.school.name
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    if user.has_usable_password():
        body = (
            f"{school} has given you access to {pupil.display_name}'s SEN support plans.\n\n"
            f"Sign in as usual at {base_url}{reverse('login')} to see them."
        )
    else:
        body = (
            f"{school} invites you to see {pupil.display_name}'s SEN support plans and to send "
            "your views before each review.\n\n"
            f"Choose your password here (the link works once and expires in {days} days):\n"
            f"{invitation_link(user, base_url)}\n\n"
            "If you were not expecting this, you can ignore it."
        )
    transaction.on_commit(
        lambda: send_mail(f"{school}: your child's SEN support plan", body, None, [email])
    )
    return user
