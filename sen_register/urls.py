from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from django.views.generic import TemplateView

from pages import home
from sen_register.core import mfa, sessions

urlpatterns = [
    path("", home.home, name="home"),
    path("schools/<str:urn>/", home.school_home, name="school_home"),
    path("", include("pupils.urls")),
    path("", include("census.urls")),
    path("", include("support_plans.urls")),
    path("", include("pages.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path(
        "accounts/invitation/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/invitation_accept.html",
            success_url=reverse_lazy("invitation_done"),
        ),
        name="invitation_accept",
    ),
    path(
        "accounts/invitation/done/",
        TemplateView.as_view(template_name="registration/invitation_done.html"),
        name="invitation_done",
    ),
    path("accounts/session/", sessions.session_status, name="session_status"),
    path("accounts/session/keep-alive/", sessions.keep_alive, name="session_keep_alive"),
    path("accounts/mfa/setup/", mfa.setup, name="mfa_setup"),
    path("accounts/mfa/verify/", mfa.verify, name="mfa_verify"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "sen_register.core.errors.forbidden"
handler404 = "sen_register.core.errors.not_found"
handler500 = "sen_register.core.errors.server_error"
