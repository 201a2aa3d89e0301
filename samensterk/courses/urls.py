from django.urls import path

from . import member_views, public_views, views

app_name = "courses"

urlpatterns = [
    path("cursusbeheer/", views.overview, name="overview"),
    path("cursusbeheer/dagen/nieuw/", views.session_form, name="session_create"),
    path("cursusbeheer/dagen/<int:pk>/", views.session_detail, name="session_detail"),
    path("cursusbeheer/dagen/<int:pk>/wijzigen/", views.session_form, name="session_edit"),
    path("cursusbeheer/dagen/<int:pk>/aanwezig/", views.attendance, name="attendance"),
    path("cursusbeheer/dagen/<int:pk>/terugkomdag/", views.follow_up, name="follow_up"),
    path("cursusbeheer/dagen/<int:pk>/certificaten.pdf", views.certificates, name="certificates"),
    path("cursusbeheer/trainers/", views.trainers, name="trainers"),
    path("cursusbeheer/trainers/<int:pk>/", views.trainer_edit, name="trainer_edit"),
    path("cursusbeheer/trainers/<int:pk>/weghalen/", views.trainer_delete, name="trainer_delete"),
    path("cursusbeheer/leden/", member_views.group_list, name="member_groups"),
    path(
        "cursusbeheer/leden/<slug:slug>/",
        member_views.group_registrations,
        name="member_registrations",
    ),
    path("cursusbeheer/evaluaties/", views.evaluation_results, name="evaluations"),
    path("cursusbeheer/dagen/<int:pk>/evaluatie/", views.evaluation_send, name="evaluation_send"),
    path("cursusbeheer/soorten/nieuw/", views.type_form, name="type_create"),
    path("cursusbeheer/soorten/<int:pk>/wijzigen/", views.type_form, name="type_edit"),
    path("cursusbeheer/soorten/<int:pk>/", views.type_detail, name="type_detail"),
    path("cursusbeheer/soorten/<int:pk>/cursusboek.pdf", views.course_book, name="course_book"),
    path("cursusbeheer/soorten/<int:pk>/paginas/<int:page_pk>/", views.page_edit, name="page_edit"),
    path("cursussen/aanmelding/<str:token>/", public_views.registration_page, name="registration"),
    path(
        "cursussen/aanmelding/<str:token>/afmelden/",
        public_views.registration_cancel,
        name="registration_cancel",
    ),
    path("cursussen/<slug:organisation_slug>/", public_views.session_list, name="public_list"),
    path(
        "cursussen/<slug:organisation_slug>/<int:pk>/",
        public_views.session_register,
        name="register",
    ),
]
