from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/verzoeken/", views.subject_start, name="subject_start"),
    path("privacy/verzoeken/<slug:slug>/", views.subject_search, name="subject_search"),
    path("privacy/verzoeken/<slug:slug>/export/", views.subject_export, name="subject_export"),
    path("privacy/verzoeken/<slug:slug>/wissen/", views.subject_erase, name="subject_erase"),
]
