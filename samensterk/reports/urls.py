from django.urls import path

from . import report_views, views

app_name = "reports"

urlpatterns = [
    path("overzicht/groep/<slug:slug>/", views.group_dashboard, name="group_dashboard"),
    path(
        "overzicht/groep/<slug:slug>/download/<slug:table>.<slug:fmt>",
        views.group_dashboard_download,
        name="group_dashboard_download",
    ),
    path("overzicht/landelijk/<slug:slug>/", views.national_dashboard, name="national_dashboard"),
    path(
        "overzicht/landelijk/<slug:slug>/download/<slug:table>.<slug:fmt>",
        views.national_dashboard_download,
        name="national_dashboard_download",
    ),
    path(
        "overzicht/landelijk/<slug:slug>/mijn-regio/",
        views.national_region,
        name="national_region",
    ),
    path("rapporten/", report_views.report_list, name="report_list"),
    path("rapporten/nieuw/", report_views.report_create, name="report_create"),
    path("rapporten/<str:reference>/", report_views.report_detail, name="report_detail"),
    path("rapporten/<str:reference>/bewerken/", report_views.report_edit, name="report_edit"),
    path("rapporten/<str:reference>/rapport.pdf", report_views.report_download, name="report_pdf"),
    path("rapporten/<str:reference>/pdf/", report_views.report_pdf_wait, name="report_pdf_wait"),
]
