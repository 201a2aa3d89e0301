from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("netwerk/", views.register, name="register"),
    path("netwerk/krachtenveld/", views.grid, name="grid"),
    path("netwerk/kaart/", views.network_map, name="map"),
    path("netwerk/organisaties/nieuw/", views.stakeholder_create, name="stakeholder_create"),
    path("netwerk/organisaties/<int:pk>/", views.stakeholder_detail, name="stakeholder_detail"),
    path(
        "netwerk/organisaties/<int:pk>/wijzigen/", views.stakeholder_edit, name="stakeholder_edit"
    ),
    path("netwerk/relaties/nieuw/", views.relation_create, name="relation_create"),
    path("netwerk/relaties/<int:pk>/verwijderen/", views.relation_delete, name="relation_delete"),
    path("netwerk/personen/nieuw/", views.person_create, name="person_create"),
    path("netwerk/personen/<int:pk>/", views.person_detail, name="person_detail"),
    path("netwerk/personen/<int:pk>/wijzigen/", views.person_edit, name="person_edit"),
]
