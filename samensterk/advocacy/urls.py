from django.urls import path

from . import duo_views, views

app_name = "advocacy"

urlpatterns = [
    path("hulpvragen/", views.request_list, name="request_list"),
    path("hulpvragen/nieuw/", views.request_create, name="request_create"),
    path("hulpvragen/pool/", views.pool, name="pool"),
    path("hulpvragen/pool/<int:pk>/", views.advocate_edit, name="advocate_edit"),
    path("hulpvragen/pool/<int:pk>/weghalen/", views.advocate_delete, name="advocate_delete"),
    path("hulpvragen/<str:reference>/", views.request_detail, name="request_detail"),
    path("hulpvragen/<str:reference>/toewijzen/", views.request_assign, name="request_assign"),
    path("hulpvragen/<str:reference>/uitkomst/", views.request_outcome, name="request_outcome"),
    path("hulpvragen/<str:reference>/signaal/", views.request_signal, name="request_signal"),
    path("duos/", duo_views.duo_list, name="duo_list"),
    path("duos/<int:pk>/", duo_views.duo_detail, name="duo_detail"),
    path("duos/presentaties/<int:pk>/", duo_views.presentation_detail, name="presentation_detail"),
    path(
        "duos/presentaties/<int:pk>/onderdelen/<int:part_pk>/",
        duo_views.part_edit,
        name="part_edit",
    ),
    path(
        "duos/presentaties/<int:pk>/onderdelen/<int:part_pk>/verplaatsen/",
        duo_views.part_move,
        name="part_move",
    ),
    path(
        "duos/presentaties/<int:pk>/onderdelen/<int:part_pk>/weghalen/",
        duo_views.part_delete,
        name="part_delete",
    ),
    path(
        "duos/presentaties/<int:pk>/evaluatie/<str:who>/",
        duo_views.evaluation,
        name="evaluation",
    ),
]
