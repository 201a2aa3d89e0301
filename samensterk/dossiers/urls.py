from django.urls import path

from . import network_views, views

app_name = "dossiers"

urlpatterns = [
    path("dossiers/", views.dossier_list, name="dossier_list"),
    path("dossiers/nieuw/", views.dossier_create, name="dossier_create"),
    path("dossiers/<str:reference>/", views.dossier_detail, name="dossier_detail"),
    path("dossiers/<str:reference>/bewerken/", views.dossier_edit, name="dossier_edit"),
    path("dossiers/<str:reference>/signalen/", views.dossier_link, name="dossier_link"),
    path("dossiers/<str:reference>/loskoppelen/", views.dossier_unlink, name="dossier_unlink"),
    path("dossiers/<str:reference>/niet-voorstellen/", views.proposal_decline, name="decline"),
    path("dossiers/<str:reference>/acties/nieuw/", views.action_edit, name="action_create"),
    path("dossiers/<str:reference>/acties/<int:pk>/", views.action_edit, name="action_edit"),
    path("dossiers/<str:reference>/kosten/", views.cost_sheet, name="cost_sheet"),
    # Whom a dossier wants to reach in the network, and its power/interest grid.
    path(
        "dossiers/<str:reference>/netwerk/toevoegen/",
        network_views.target_add,
        name="dossier_target_add",
    ),
    path(
        "dossiers/<str:reference>/netwerk/<int:pk>/weghalen/",
        network_views.target_remove,
        name="dossier_target_remove",
    ),
    path("dossiers/<str:reference>/krachtenveld/", network_views.dossier_grid, name="dossier_grid"),
]
