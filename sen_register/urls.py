from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from django.views.generic import TemplateView

from . import mfa, views

urlpatterns = [
    path("", views.home, name="home"),
    path("schools/<str:urn>/", views.school_home, name="school_home"),
    path("", include("pupils.urls")),
    path("", include("census.urls")),
    path("", include("support_plans.urls")),
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
    path("accounts/mfa/setup/", mfa.setup, name="mfa_setup"),
    path("accounts/mfa/verify/", mfa.verify, name="mfa_verify"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "sen_register.views.forbidden"
handler404 = "sen_register.views.not_found"
handler500 = "sen_register.views.server_error"
