from django.urls import path

from . import views

urlpatterns = [
    path("schools/<str:urn>/import/", views.register_import, name="register_import"),
    path(
        "schools/<str:urn>/import/template.csv",
        views.register_import_template,
        name="register_import_template",
    ),
    path("pupils/<int:pk>/grid/", views.assessment_add, name="assessment_add"),
    path("pupils/<int:pk>/criteria/add/", views.criterion_add, name="criterion_add"),
    path(
        "pupils/<int:pk>/criteria/<int:item>/withdraw/",
        views.criterion_withdraw,
        name="criterion_withdraw",
    ),
    path("pupils/<int:pk>/decisions/add/", views.decision_add, name="decision_add"),
    path(
        "pupils/<int:pk>/decisions/<int:item>/withdraw/",
        views.decision_withdraw,
        name="decision_withdraw",
    ),
    path("pupils/<int:pk>/invite-parent/", views.parent_invite, name="parent_invite"),
    path("invitations/<int:pk>/respond/", views.invitation_respond, name="invitation_respond"),
    path("pupils/<int:pk>/access-log/", views.access_log, name="access_log"),
    path("pupils/<int:pk>/ehc-plans/add/", views.ehc_plan_add, name="ehc_plan_add"),
    path(
        "pupils/<int:pk>/ehc-plans/<int:item>/cease/", views.ehc_plan_cease, name="ehc_plan_cease"
    ),
]
