from django.urls import path

from . import views

urlpatterns = [
    path("schools/<str:urn>/register/", views.register, name="register"),
    path("pupils/<int:pk>/", views.pupil_record, name="pupil_record"),
]
