"""A second factor at sign-in (TOTP, django-otp): required for every staff role, optional for
parents. Until a staff member has set up an authenticator app and entered a code this session,
they reach only the pages that let them do so.

A session that has passed the second step stays verified without asking the database on each
request (SessionVerifiedOTPMiddleware); an authenticator that stops counting (removed,
unconfirmed, moved to someone else) ends every session of its holder instead, through the
session hash (User.second_factor_changes).

Whether a second step is needed is worked out on every request, from the roles held now: a
role granted in the middle of a session asks for the code on the next page. Set-up shows a
fresh key on every visit, kept in the visitor's own session and stored only once a code from
it has been entered, so nobody can read a key that someone else will later confirm. Adding
or removing an authenticator is emailed to its holder."""

import time
from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

MFA_PATHS = ("/accounts/mfa/", "/accounts/logout/", "/accounts/session/", "/static/")
SETUP_KEY = "mfa_setup_key"


def needs_second_factor(user):
    """Staff (any role at a school, or the Django admin) always; parents once they chose it."""
    from . import access

    if settings.MFA_REQUIRED and (user.is_staff or access.holdings(user).roles_by_school):
        return True
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


class SessionVerifiedOTPMiddleware(OTPMiddleware):
    """django-otp's middleware, less its query per request: a session that holds the device it
    was verified with is verified. That holds only while the device counts, because a device
    that stops counting ends its holder's sessions (see `_device_stops_counting`). The device
    itself is read only if something asks for it."""

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        if user.is_authenticated and persistent_id:
            user.otp_device = SimpleLazyObject(
                lambda: Device.from_persistent_id(self._normalize_persistent_id(persistent_id))
            )
        return user


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(MFA_PATHS)
            and needs_second_factor(user)
        ):
            has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            target = "mfa_verify" if has_device else "mfa_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


class CodeForm(forms.Form):
    """A 6-digit code, checked against `device` by each kind of form below."""

    code = forms.CharField(
        label="The 6-digit code from your authenticator app",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        # Apps show the code as "123 456"; people type it so, or with a dash.
        code = "".join(self.cleaned_data["code"].split()).replace("-", "")
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the 6 digits your authenticator app shows.")
        return code


class VerifyForm(CodeForm):
    """A code from the person's confirmed authenticator."""

    def clean_code(self):
        code = super().clean_code()
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            # django-otp slows guessing down: after each wrong code the next try must wait.
            raise forms.ValidationError(
                "Too many wrong codes in a row. Wait a few seconds, then enter the newest code."
            )
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                "That code is not right. Check the time on your phone and try the newest code."
            )
        return code


class SetupForm(CodeForm):
    """A code from the key shown on this visit's set-up page. Nothing is throttled or stored
    before it is right: whoever types it is looking at the key already."""

    def clean_code(self):
        code = super().clean_code()
        d = self.device
        totp = TOTP(d.bin_key, d.step, d.t0, d.digits, d.drift)
        totp.time = time.time()
        if not totp.verify(int(code), d.tolerance):
            raise forms.ValidationError(
                "That code is not right. Check the time on your phone and try the newest code."
            )
        d.last_t = totp.t()
        return code


def _notify(user, what):
    transaction.on_commit(
        lambda: send_mail(
            f"SEN Register: {what}",
            f"{what.capitalize()} on your SEN Register account ({user.email}).\n\n"
            "If this was not you, tell your school's IT administrator straight away: "
            "someone may know your password.",
            None,
            [user.email],
        )
    )


@receiver(post_save, sender=TOTPDevice)
def authenticator_added(sender, instance, created, **kwargs):
    if created and instance.confirmed:
        _notify(instance.user, "an authenticator app was added")


@receiver(post_delete, sender=TOTPDevice)
def authenticator_removed(sender, instance, **kwargs):
    if instance.confirmed:
        _notify(instance.user, "an authenticator app was removed")
        _device_stops_counting(instance.user_id)


@receiver(pre_save, sender=TOTPDevice)
def authenticator_changed(sender, instance, raw=False, **kwargs):
    """A confirmed device made unconfirmed or given to someone else (in the admin) stops
    counting for the person who held it."""
    if raw or instance.pk is None:
        return
    before = TOTPDevice.objects.filter(pk=instance.pk).values("user_id", "confirmed").first()
    moved_or_unconfirmed = before and (
        not instance.confirmed or before["user_id"] != instance.user_id
    )
    if moved_or_unconfirmed and before["confirmed"]:
        _device_stops_counting(before["user_id"])


def _device_stops_counting(user_id):
    """End every session of the device's holder: the next request of each finds the session
    hash changed and signs them out, as a changed password does."""
    from .models import User

    User.objects.filter(pk=user_id).update(second_factor_changes=F("second_factor_changes") + 1)


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or reverse("home")
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if safe else reverse("home")


def _qr_svg(uri):
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = BytesIO()
    image.save(out)
    return out.getvalue().decode()


@login_required
def setup(request):
    """Set up an authenticator app: scan the code (or type the key), then enter a code."""
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect(f"{reverse('mfa_verify')}?next={_next(request)}")
    if request.method == "POST" and SETUP_KEY not in request.session:
        messages.error(request, "That set-up page had expired. Scan this new code instead.")
        return redirect(f"{reverse('mfa_setup')}?next={_next(request)}")
    if request.method != "POST":
        # A new key on every visit, held only in this session until a code from it is right.
        request.session[SETUP_KEY] = random_hex(20)
    device = TOTPDevice(
        user=user, name="Authenticator app", key=request.session[SETUP_KEY], confirmed=True
    )
    form = SetupForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()  # from before
            device.save()
        del request.session[SETUP_KEY]
        otp_login(request, device)
        messages.success(request, "Your authenticator app is set up.")
        return redirect(_next(request))
    return render(
        request,
        "registration/mfa_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "key": " ".join(
                b32encode(device.bin_key).decode().rstrip("=")[i : i + 4] for i in range(0, 32, 4)
            ),
            "next": _next(request),
        },
    )


@login_required
def verify(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('mfa_setup')}?next={_next(request)}")
    form = VerifyForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next(request))
    return render(request, "registration/mfa_verify.html", {"form": form, "next": _next(request)})
