from django.urls import path

from . import document_views, ehc_views, parent_pages, pdf_views, views

urlpatterns = [
    path("pupils/<int:pk>/specialists/add/", views.specialist_add, name="specialist_add"),
    path(
        "pupils/<int:pk>/specialists/<int:item>/advice/",
        views.specialist_advice,
        name="specialist_advice",
    ),
    path(
        "pupils/<int:pk>/parent-contacts/add/", views.parent_contact_add, name="parent_contact_add"
    ),
    path(
        "pupils/<int:pk>/ehc-plans/<int:plan_pk>/reviews/add/",
        ehc_views.annual_review_add,
        name="ehc_review_add",
    ),
    path("pupils/<int:pk>/ehc-reviews/<int:item>/", ehc_views.annual_review, name="ehc_review"),
    path("pupils/<int:pk>/ehc-requests/add/", ehc_views.request_add, name="ehc_request_add"),
    path("pupils/<int:pk>/documents/add/", document_views.document_add, name="document_add"),
    path(
        "pupils/<int:pk>/documents/<int:item>/",
        document_views.document_download,
        name="document",
    ),
    path("pupils/<int:pk>/ehc-requests/<int:item>/", ehc_views.request_edit, name="ehc_request"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/outcomes/add/", views.outcome_add, name="outcome_add"),
    path("plans/<int:pk>/outcomes/<int:item>/edit/", views.outcome_edit, name="outcome_edit"),
    path("plans/<int:pk>/outcomes/<int:item>/remove/", views.outcome_remove, name="outcome_remove"),
    path("plans/<int:pk>/provision/add/", views.provision_add, name="provision_add"),
    path("plans/<int:pk>/provision/<int:item>/edit/", views.provision_edit, name="provision_edit"),
    path(
        "plans/<int:pk>/provision/<int:item>/remove/",
        views.provision_remove,
        name="provision_remove",
    ),
    path("plans/<int:pk>/activate/", views.plan_activate, name="plan_activate"),
    path("plans/<int:pk>/close/", views.plan_close, name="plan_close"),
    path("plans/<int:pk>/review/", views.review_add, name="review_add"),
    path("plans/<int:pk>/notes/add/", views.note_add, name="note_add"),
    path("plans/<int:pk>/plan.pdf", pdf_views.plan_pdf, name="plan_pdf"),
    path("plans/<int:pk>/passport.pdf", pdf_views.passport_pdf, name="passport_pdf"),
    path(
        "schools/<str:urn>/groups/<int:pk>/passports.pdf",
        pdf_views.group_passports,
        name="group_passports",
    ),
    path("children/<int:pk>/", parent_pages.child, name="child"),
    path("children/<int:pk>/plans/<int:plan_pk>/", parent_pages.child_plan, name="child_plan"),
    path("children/<int:pk>/views/", parent_pages.send_views, name="send_views"),
    path("children/<int:pk>/reminders/", parent_pages.child_reminders, name="child_reminders"),
]
