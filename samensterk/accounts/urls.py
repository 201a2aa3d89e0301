from django.contrib.auth import views as auth_views
from django.urls import path

from . import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-instellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("account/", views.account, name="account"),
    path("inloggen/code/", two_factor_views.verify, name="two_factor_verify"),
    path("account/twee-stappen/", two_factor_views.setup, name="two_factor_setup"),
    path("account/twee-stappen/bevestigen/", two_factor_views.confirm, name="two_factor_confirm"),
    path("account/twee-stappen/codes/", two_factor_views.codes, name="two_factor_codes"),
    path(
        "account/twee-stappen/nieuwe-codes/",
        two_factor_views.new_codes,
        name="two_factor_new_codes",
    ),
    path("account/twee-stappen/uit/", two_factor_views.disable, name="two_factor_disable"),
    path("account/wachtwoord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
    path("groepen/", views.group_list, name="group_list"),
    path("groepen/<slug:slug>/", views.group_detail, name="group_detail"),
    path("groepen/<slug:slug>/uitnodigen/", views.group_invite, name="group_invite"),
    path(
        "groepen/<slug:slug>/uitnodigingen/<int:pk>/intrekken/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("groepen/<slug:slug>/leden/<int:pk>/rol/", views.member_role, name="member_role"),
    path(
        "groepen/<slug:slug>/leden/<int:pk>/verwijderen/", views.member_remove, name="member_remove"
    ),
    path("privacyverklaring/<slug:slug>/", views.privacy_statement, name="privacy_statement"),
    path(
        "organisaties/<slug:slug>/privacyverklaring/",
        views.privacy_statement_edit,
        name="privacy_statement_edit",
    ),
]
