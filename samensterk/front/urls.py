from django.urls import path

from . import views

app_name = "front"

urlpatterns = [
    path("", views.home, name="home"),
    path("overzicht/", views.dashboard, name="dashboard"),
    path("gemeenten/", views.municipality_list, name="municipality_list"),
    path("gemeenten/<str:code>/", views.municipality_detail, name="municipality_detail"),
    path("themas/", views.theme_list, name="theme_list"),
    path("patronen/negeren/", views.pattern_dismiss, name="pattern_dismiss"),
    path("patronen/woorden/", views.pattern_words, name="pattern_words"),
]
