from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("overzicht/groep/<slug:slug>/", views.group_dashboard, name="group_dashboard"),
    path("overzicht/landelijk/<slug:slug>/", views.national_dashboard, name="national_dashboard"),
]
