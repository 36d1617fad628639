"""Short sessions for special-category data: signed out after a spell without activity, and
after a fixed time from signing in whatever the activity."""

import math
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

SIGNED_IN_AT, LAST_SEEN = "signed_in_at", "last_seen"
# Record activity at most once a minute, so most requests write nothing to the session.
TOUCH_EVERY = 60


@receiver(user_logged_in)
def start_the_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now


def seconds_left(session, now: float) -> float:
    """How long until the session ends, by whichever limit comes first."""
    started = session.get(SIGNED_IN_AT, now)
    last = session.get(LAST_SEEN, now)
    return min(
        settings.SESSION_IDLE_SECONDS - (now - last),
        settings.SESSION_COOKIE_AGE - (now - started),
    )


def _status(request: HttpRequest) -> JsonResponse:
    left = seconds_left(request.session, time.time()) if request.user.is_authenticated else 0
    return JsonResponse(
        {"seconds_left": max(0, math.ceil(left)), "warn_before": settings.SESSION_WARNING_SECONDS}
    )


@never_cache
@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """For the page's idle warning: seconds until sign-out, and the warning's lead. Asking
    is not activity (the middleware leaves the clock alone for this address)."""
    return _status(request)


@never_cache
@require_POST
def keep_alive(request: HttpRequest) -> JsonResponse:
    """For "stay signed in": activity now. The fixed limit from signing in still holds."""
    if request.user.is_authenticated:
        request.session[LAST_SEEN] = time.time()
    return _status(request)


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            asking = request.path == reverse("session_status")  # the page's own timer
            now = time.time()
            started = request.session.get(SIGNED_IN_AT, now)
            last = request.session.get(LAST_SEEN, now)
            idle = now - last > settings.SESSION_IDLE_SECONDS
            too_long = now - started > settings.SESSION_COOKIE_AGE
            if idle or too_long:
                logout(request)
                minutes = settings.SESSION_IDLE_SECONDS // 60
                messages.info(
                    request,
                    f"You were signed out after {minutes} minutes without activity."
                    if idle
                    else "You were signed out: a session lasts at most "
                    f"{settings.SESSION_COOKIE_AGE // 3600} hours.",
                )
                if asking:  # it answers "no time left"; the page then opens sign-in itself
                    return self.get_response(request)
                return redirect(f"{reverse('login')}?next={request.path}")
            if now - last > TOUCH_EVERY and not asking:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
