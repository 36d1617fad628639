"""Inviting a parent or carer, by email.

- A new address: an account is made and linked to the child, and the email carries a
  one-time link to choose a password (Django's password-reset token: it stops working once
  the password is set, and expires after PASSWORD_RESET_TIMEOUT, three days by default).
  Only whoever reads that email can ever use the account.
- An address that already has an account (a parent of a brother or sister, say): nothing is
  linked until its holder signs in and accepts the invitation on their home page, so a
  mistyped address never shows a child to someone else's parent.
- A staff or officer account is never made a parent (sen_register.core.access.may_become_parent).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sen_register.core import access

from .models import ParentInvitation, ParentLink


class InvitationError(Exception):
    pass


def invitation_link(user, base_url):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url + reverse("invitation_accept", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def parent_invite(*, pupil, email, relationship, invited_by, base_url):
    """Invite `email` to see `pupil`'s plans. Inviting again someone who has not yet set a
    password, or not yet accepted, sends the email again."""
    User = get_user_model()
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and not access.may_become_parent(user):
        raise InvitationError(
            f"{email} is a staff or officer account, which cannot be linked to a child. "
            "Invite the parent or carer at their own personal address."
        )
    if user is not None and ParentLink.objects.filter(parent=user, pupil=pupil).exists():
        if user.has_usable_password():
            raise InvitationError(f"{email} can already see {pupil.display_name}'s plans.")
        return _send(pupil, email, user, base_url, waiting=False)
    if user is None:
        user = User.objects.create_user(email=email, password=None)
        ParentLink.objects.create(parent=user, pupil=pupil, relationship=relationship)
        ParentInvitation.objects.create(
            pupil=pupil,
            email=email,
            relationship=relationship,
            invited_by=invited_by,
            accepted_at=timezone.now(),
        )
        return _send(pupil, email, user, base_url, waiting=False)
    if not ParentInvitation.objects.pending().filter(pupil=pupil, email=email).exists():
        ParentInvitation.objects.create(
            pupil=pupil, email=email, relationship=relationship, invited_by=invited_by
        )
    return _send(pupil, email, user, base_url, waiting=True)


def _send(pupil, email, user, base_url, *, waiting):
    school = pupil.school.name
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    sign_in = f"{base_url}{reverse('login')}"
    if waiting:
        body = (
            f"{school} invites you to see {pupil.display_name}'s SEN support plans.\n\n"
            f"Sign in at {sign_in} and accept the invitation on your home page. Accept it "
            f"only if you are {pupil.display_name}'s parent or carer."
        )
        if not user.has_usable_password():
            body += (
                "\n\nYou have not chosen a password yet. Choose one here (the link works once "
                f"and expires in {days} days):\n{invitation_link(user, base_url)}"
            )
    elif user.has_usable_password():
        body = f"{school} has given you access to {pupil.display_name}'s SEN support plans."
    else:
        body = (
            f"{school} invites you to see {pupil.display_name}'s SEN support plans and to send "
            "your views before each review.\n\n"
            f"Choose your password here (the link works once and expires in {days} days):\n"
            f"{invitation_link(user, base_url)}"
        )
    body += "\n\nIf you were not expecting this, you can ignore it."
    transaction.on_commit(
        lambda: send_mail(f"{school}: your child's SEN support plan", body, None, [email])
    )
    return user


@transaction.atomic
def invitation_respond(invitation, user, *, accept):
    """The holder's answer: accepting links them to the child; either way it is recorded."""
    if accept:
        ParentLink.objects.get_or_create(
            parent=user,
            pupil=invitation.pupil,
            defaults={"relationship": invitation.relationship},
        )
        invitation.accepted_at = timezone.now()
    else:
        invitation.declined_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "declined_at"])
