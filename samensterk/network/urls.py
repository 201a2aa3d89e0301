from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("netwerk/", views.register, name="register"),
    path("netwerk/krachtenveld/", views.grid, name="grid"),
    path("netwerk/organisaties/nieuw/", views.stakeholder_create, name="stakeholder_create"),
    path("netwerk/organisaties/<int:pk>/", views.stakeholder_detail, name="stakeholder_detail"),
    path(
        "netwerk/organisaties/<int:pk>/wijzigen/", views.stakeholder_edit, name="stakeholder_edit"
    ),
    path("netwerk/personen/nieuw/", views.person_create, name="person_create"),
    path("netwerk/personen/<int:pk>/", views.person_detail, name="person_detail"),
    path("netwerk/personen/<int:pk>/wijzigen/", views.person_edit, name="person_edit"),
]
