"""A second factor at sign-in (TOTP, django-otp): required for every staff role, optional for
parents. Until a staff member has set up an authenticator app and entered a code this session,
they reach only the pages that let them do so."""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

MFA_PATHS = ("/accounts/mfa/", "/accounts/logout/", "/static/")
NEEDS_SECOND_FACTOR = "needs_second_factor"


def needs_second_factor(user):
    """Staff (any role at a school, or the Django admin) always; parents once they chose it."""
    from . import access

    if settings.MFA_REQUIRED and (user.is_staff or access.holdings(user).roles_by_school):
        return True
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@receiver(user_logged_in)
def decide_at_sign_in(sender, request, user, **kwargs):
    # Worked out once per sign-in, so ordinary requests ask the database nothing for it.
    if request is not None and hasattr(request, "session"):
        request.session[NEEDS_SECOND_FACTOR] = needs_second_factor(user)


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(MFA_PATHS)
            and self.needed(request)
        ):
            has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            target = "mfa_verify" if has_device else "mfa_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def needed(request):
        needed = request.session.get(NEEDS_SECOND_FACTOR)
        if needed is None:  # a session from before this was recorded
            needed = request.session[NEEDS_SECOND_FACTOR] = needs_second_factor(request.user)
        return needed


class CodeForm(forms.Form):
    code = forms.CharField(
        label="The 6-digit code from your authenticator app",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        allowed, details = self.device.verify_is_allowed()
        if not allowed:
            # django-otp slows guessing down: after each wrong code the next try must wait.
            raise forms.ValidationError(
                "Too many wrong codes in a row. Wait a few seconds, then enter the newest code."
            )
        if not code.isdigit() or not self.device.verify_token(code):
            raise forms.ValidationError(
                "That code is not right. Check the time on your phone and try the newest code."
            )
        return code


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
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"{reverse('mfa_verify')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator app", confirmed=False
        )
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
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
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next(request))
    return render(request, "registration/mfa_verify.html", {"form": form, "next": _next(request)})
