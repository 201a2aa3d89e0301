from django.urls import path

from . import calendar_views, views

app_name = "knowledge"

urlpatterns = [
    path("kennis/", views.item_list, name="list"),
    path("kennis/nieuw/", views.item_form, name="create"),
    path("kennis/goed-voorbeeld/", views.example_submit, name="example_submit"),
    path("kennis/beoordelen/", views.review_list, name="review_list"),
    path("kennis/<int:pk>/", views.item_detail, name="detail"),
    path("kennis/over/<slug:key>/", views.item_by_key, name="by_key"),
    path("kennis/<int:pk>/wijzigen/", views.item_form, name="edit"),
    path("kennis/<int:pk>/beoordelen/", views.review, name="review"),
    path("communicatie/", calendar_views.calendar_page, name="calendar"),
    path("communicatie/themas/<int:pk>/", calendar_views.theme_edit, name="calendar_theme_edit"),
    path(
        "communicatie/themas/<int:pk>/weghalen/",
        calendar_views.theme_delete,
        name="calendar_theme_delete",
    ),
    path("communicatie/items/<int:pk>/", calendar_views.publication_edit, name="publication_edit"),
    path(
        "communicatie/items/<int:pk>/weghalen/",
        calendar_views.publication_delete,
        name="publication_delete",
    ),
    path(
        "communicatie/items/<int:pk>/status/",
        calendar_views.publication_status,
        name="publication_status",
    ),
    path("communicatie/feed/<str:token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
]
