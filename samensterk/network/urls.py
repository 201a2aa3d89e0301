from django.urls import path

from . import exchange_views, views

app_name = "network"

urlpatterns = [
    path("netwerk/", views.register, name="register"),
    path("netwerk/krachtenveld/", views.grid, name="grid"),
    path("netwerk/kaart/", views.network_map, name="map"),
    path("netwerk/kaart/netwerkkaart.svg", views.network_map_download, name="map_download"),
    path("netwerk/samenvoegen/", views.merge, name="merge"),
    path("netwerk/importeren/", exchange_views.people_import, name="import"),
    path(
        "netwerk/export/personen.<str:file_format>",
        exchange_views.people_export,
        name="people_export",
    ),
    path("netwerk/export/afspraken.ics", exchange_views.planned_export, name="planned_export"),
    path("netwerk/personen/<int:pk>/vcard/", exchange_views.person_vcard, name="person_vcard"),
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
