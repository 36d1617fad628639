"""How many wrong passwords are allowed before signing in pauses (django-axes, with this
project's own counting). Three counts, each over the cool-off time, each with its ceiling:

- one account from one network address: AXES_FAILURE_LIMIT (10). A person's own typos, or
  someone guessing from one place, pause that account from that address only;
- one account from anywhere: SIGN_IN_ACCOUNT_LIMIT (30), so guesses spread over many
  addresses still pause it;
- one address, any accounts: SIGN_IN_ADDRESS_LIMIT (100), far higher, so that colleagues
  behind one school router are never paused by each other's typos, while someone trying
  many accounts from one place is.

The account is the email address as the person signs in with it: trimmed and in lower case,
as sign-in itself matches it, so no spelling counts apart. Signing in successfully clears only
the failures of that account from that address: signing in to one's own account never clears
anyone else's count.

The network address is the connection's, or, behind reverse proxies, the one the proxies
report (SEN_REGISTER_TRUSTED_PROXIES: how many proxies append to X-Forwarded-For).
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


def ceilings():
    """In the order of settings.AXES_LOCKOUT_PARAMETERS: account and address, account,
    address."""
    return [
        settings.AXES_FAILURE_LIMIT,
        settings.SIGN_IN_ACCOUNT_LIMIT,
        settings.SIGN_IN_ADDRESS_LIMIT,
    ]


def account_of(request, credentials):
    """The account a sign-in is for, spelled as sign-in matches it."""
    source = credentials if credentials is not None else getattr(request, "POST", {})
    typed = source.get(settings.AXES_USERNAME_FORM_FIELD) or ""
    return typed.strip().lower()


def client_address(request):
    """The address the request came from. Behind N trusted proxies, each appending to
    X-Forwarded-For, it is the N-th address from the right; anything else in that header was
    written by the client and is ignored."""
    connection = request.META.get("REMOTE_ADDR", "")
    proxies = settings.SEN_REGISTER_TRUSTED_PROXIES
    if proxies <= 0:
        return connection
    forwarded = [a.strip() for a in request.headers.get("x-forwarded-for", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if len(forwarded) < proxies:
        return connection
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return connection


class SignInThrottle(AxesDatabaseHandler):
    def failure_counts(self, request, credentials=None):
        """The three counts, in the order of ceilings()."""
        return [
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]

    def get_failures(self, request, credentials=None):
        # django-axes compares one number with one limit (AXES_FAILURE_LIMIT). Each count is
        # put on that scale: it reaches the limit exactly when the count reaches its ceiling.
        limit = settings.AXES_FAILURE_LIMIT
        counts = self.failure_counts(request, credentials)
        return max(
            count * limit // ceiling for count, ceiling in zip(counts, ceilings(), strict=True)
        )

    def reset_user_attempts(self, request, credentials=None):
        account = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(
            username=account, ip_address=request.axes_ip_address
        ).delete()
        return deleted


def lockout_response(request, original_response=None, credentials=None):
    counts = SignInThrottle().failure_counts(request, credentials)
    address_paused = counts[2] >= settings.SIGN_IN_ADDRESS_LIMIT
    minutes = int(get_cool_off(request).total_seconds() // 60)
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"minutes": minutes, "address_paused": address_paused},
        status=429,
    )
