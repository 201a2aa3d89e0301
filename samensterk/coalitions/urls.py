from django.urls import path

from . import views

app_name = "coalitions"

urlpatterns = [
    path("netwerk/coalities/", views.coalition_list, name="list"),
    path("netwerk/coalities/nieuw/", views.coalition_create, name="create"),
    path("netwerk/coalities/delen/", views.share, name="share"),
    path("netwerk/coalities/<int:pk>/", views.coalition_detail, name="detail"),
    path("netwerk/coalities/<int:pk>/uitnodiging/", views.invitation_answer, name="answer"),
    path("netwerk/coalities/<int:pk>/uitnodigen/", views.coalition_invite, name="invite"),
    path(
        "netwerk/coalities/<int:pk>/partner-uitnodigen/",
        views.partner_invite,
        name="partner_invite",
    ),
    # The link in the e-mail to a partner without an account (the token is the access).
    path("coalitie-uitnodiging/<str:token>/", views.partner_invitation, name="partner_invitation"),
    path("netwerk/coalities/<int:pk>/verlaten/", views.coalition_leave, name="leave"),
    path("netwerk/coalities/<int:pk>/gedeeld/<int:item_pk>/", views.shared_detail, name="shared"),
    path(
        "netwerk/coalities/<int:pk>/gedeeld/<int:item_pk>/stoppen/",
        views.unshare,
        name="unshare",
    ),
]
