from django.urls import path

from . import views

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
]
