from django.urls import path

from . import panel_views, respond_views, round_views, views

app_name = "surveys"

urlpatterns = [
    path("enquetes/", views.questionnaire_list, name="questionnaire_list"),
    path("enquetes/nieuw/", views.questionnaire_create, name="questionnaire_create"),
    path("enquetes/sjabloon/monitor/", views.install_monitoring, name="install_monitoring"),
    path("enquetes/panel/", panel_views.panel, name="panel"),
    path("enquetes/<int:pk>/", views.questionnaire_detail, name="questionnaire_detail"),
    path("enquetes/<int:pk>/wijzigen/", views.questionnaire_edit, name="questionnaire_edit"),
    path("enquetes/<int:pk>/voorbeeld/", views.questionnaire_preview, name="questionnaire_preview"),
    path(
        "enquetes/<int:pk>/nieuwe-versie/",
        views.questionnaire_new_version,
        name="questionnaire_new_version",
    ),
    path("enquetes/<int:pk>/onderdelen/nieuw/", views.section_add, name="section_add"),
    path("enquetes/<int:pk>/vragen/nieuw/", views.question_form, name="question_create"),
    path(
        "enquetes/<int:pk>/vragen/<int:question_pk>/wijzigen/",
        views.question_form,
        name="question_edit",
    ),
    path(
        "enquetes/<int:pk>/vragen/<int:question_pk>/verplaatsen/",
        views.question_move,
        name="question_move",
    ),
    path(
        "enquetes/<int:pk>/vragen/<int:question_pk>/verwijderen/",
        views.question_delete,
        name="question_delete",
    ),
    path("enquetes/<int:pk>/rondes/nieuw/", round_views.round_create, name="round_create"),
    path("enquetes/rondes/<int:pk>/", round_views.round_detail, name="round_detail"),
    path("enquetes/rondes/<int:pk>/overzicht/", round_views.round_overview, name="round_overview"),
    path(
        "enquetes/rondes/<int:pk>/antwoorden.<str:file_format>",
        round_views.round_export,
        name="round_export",
    ),
    path("enquetes/rondes/<int:pk>/sluiten/", round_views.round_close, name="round_close"),
    path("groepen/<slug:slug>/monitor/", round_views.group_monitoring, name="group_monitoring"),
    path("groepen/<slug:slug>/panel/", panel_views.group_panel, name="group_panel"),
    # Respondents and panel members, through their personal link (no account).
    path("vragenlijst/<str:token>/", respond_views.respond_start, name="respond_start"),
    path(
        "vragenlijst/<str:token>/vraag/<int:question_pk>/",
        respond_views.respond_question,
        name="respond_question",
    ),
    path("vragenlijst/<str:token>/klaar/", respond_views.respond_review, name="respond_review"),
    path("vragenlijst/<str:token>/bedankt/", respond_views.respond_thanks, name="respond_thanks"),
    path(
        "panel/<slug:organisation_slug>/aanmelden/", panel_views.panel_signup, name="panel_signup"
    ),
    path("panel/<str:token>/", panel_views.panel_home, name="panel_home"),
    path("panel/<str:token>/afmelden/", panel_views.panel_leave, name="panel_leave"),
    path(
        "panel/<str:token>/uitkomsten/<int:round_pk>/",
        panel_views.panel_results,
        name="panel_results",
    ),
]
