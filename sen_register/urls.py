from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

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
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "sen_register.views.forbidden"
handler404 = "sen_register.views.not_found"
handler500 = "sen_register.views.server_error"
