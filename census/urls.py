from django.urls import path

from . import ctf_views, moderation_views, officer, school_views, trend_views, views

urlpatterns = [
    path("officer/", officer.officer_view, name="officer"),
    path("officer/trends/", trend_views.officer_trends, name="officer_trends"),
    path("officer/moderation/", moderation_views.rounds, name="moderation_rounds"),
    path("officer/moderation/draw/", moderation_views.draw, name="moderation_draw"),
    path("officer/moderation/<int:pk>/", moderation_views.round_page, name="moderation_round"),
    path(
        "officer/moderation/<int:pk>/<str:sample_id>/",
        moderation_views.case_page,
        name="moderation_case",
    ),
    path(
        "schools/<str:urn>/moderation/",
        moderation_views.school_outcomes,
        name="moderation_outcomes",
    ),
    path("schools/<str:urn>/census/", views.census_page, name="census"),
    path("schools/<str:urn>/census/export.csv", views.census_export_csv, name="census_export_csv"),
    path("schools/<str:urn>/census/export.xml", views.census_export_xml, name="census_export_xml"),
    path("schools/<str:urn>/census/freeze/", views.census_freeze, name="census_freeze"),
    path("schools/<str:urn>/census/snapshots/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path(
        "schools/<str:urn>/census/snapshots/<int:pk>/export.csv",
        views.snapshot_export_csv,
        name="snapshot_export_csv",
    ),
    path("schools/<str:urn>/census/compare/", views.snapshot_compare_page, name="snapshot_compare"),
    path("schools/<str:urn>/census/mis/", views.mis_compare_page, name="mis_compare"),
    path("schools/<str:urn>/details/", school_views.school_details, name="school_details"),
    path("schools/<str:urn>/ctf/leaving/", ctf_views.ctf_leaving, name="ctf_leaving"),
    path("schools/<str:urn>/ctf/joining/", ctf_views.ctf_joining, name="ctf_joining"),
]
