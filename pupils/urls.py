from django.urls import path

from . import details_views, group_views, staff_views, top_up_views, views

urlpatterns = [
    path("schools/<str:urn>/staff/", staff_views.staff_list, name="staff"),
    path("schools/<str:urn>/staff/invite/", staff_views.staff_invite, name="staff_invite"),
    path("schools/<str:urn>/staff/history/", staff_views.staff_changes, name="staff_changes"),
    path("schools/<str:urn>/staff/<int:user_pk>/", staff_views.staff_member, name="staff_member"),
    path(
        "schools/<str:urn>/staff/<int:user_pk>/remove/",
        staff_views.staff_remove,
        name="staff_remove",
    ),
    path("schools/<str:urn>/pupils/add/", details_views.pupil_add, name="pupil_add"),
    path("pupils/<int:pk>/details/", details_views.pupil_details, name="pupil_details"),
    path("pupils/<int:pk>/leaving/", details_views.pupil_leaving, name="pupil_leaving"),
    path("pupils/<int:pk>/top-up/", top_up_views.top_up_funding, name="top_up_funding"),
    path("schools/<str:urn>/groups/", group_views.group_list, name="groups"),
    path("schools/<str:urn>/groups/add/", group_views.group_add, name="group_add"),
    path("schools/<str:urn>/groups/import/", group_views.groups_import, name="groups_import"),
    path("schools/<str:urn>/groups/<int:pk>/", group_views.group_detail, name="group"),
    path("schools/<str:urn>/import/", views.register_import, name="register_import"),
    path(
        "schools/<str:urn>/import/template.csv",
        views.register_import_template,
        name="register_import_template",
    ),
    path("pupils/<int:pk>/grid/", views.assessment_add, name="assessment_add"),
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
