from django.urls import path

from . import views

urlpatterns = [
    path("schools/<str:urn>/register/", views.register, name="register"),
    path("schools/<str:urn>/register.csv", views.register_csv, name="register_csv"),
    path("schools/<str:urn>/my-pupils/", views.my_pupils, name="my_pupils"),
    path("schools/<str:urn>/provision-map/", views.provision_map_page, name="provision_map"),
    path("schools/<str:urn>/ehc-calendar/", views.ehc_calendar_page, name="ehc_calendar"),
    path("schools/<str:urn>/interventions/", views.interventions_page, name="interventions"),
    path("pupils/<int:pk>/", views.pupil_record, name="pupil_record"),
    path("pupils/<int:pk>/needs/", views.needs_edit, name="needs_edit"),
    path("pupils/<int:pk>/criteria/add/", views.criterion_add, name="criterion_add"),
    path("pupils/<int:pk>/history/", views.pupil_history, name="pupil_history"),
    path("pupils/<int:pk>/plans/new/", views.plan_new, name="plan_new"),
    path("pupils/<int:pk>/evidence-pack.pdf", views.evidence_pack, name="evidence_pack"),
]
