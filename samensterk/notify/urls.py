from django.urls import path

from . import views

app_name = "notify"

urlpatterns = [
    path("account/meldingen/", views.page, name="page"),
]
