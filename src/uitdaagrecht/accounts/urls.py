from django.contrib.auth import views as auth_views
from django.urls import path

from . import invitations, residents, views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("tweestapsverificatie/", views.two_factor, name="two_factor"),
    path("tweestapsverificatie/herstelcodes/", views.backup_codes, name="backup_codes"),
    path("tweestapsverificatie/beheren/", views.two_factor_manage, name="two_factor_manage"),
    path("tweestapsverificatie/nieuwe-app/", views.two_factor_new_app, name="two_factor_new_app"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verzonden/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
    path("registreren/", residents.register, name="register"),
    path("mijn-gegevens/", residents.my_data, name="my_data"),
    path("mijn-gegevens/account-verwijderen/", residents.account_delete, name="account_delete"),
    path("bevestigen/<str:token>/", residents.verify, name="verify"),
    path("organisaties/nieuw/", residents.organisation_new, name="organisation_new"),
    path("organisaties/<int:pk>/", residents.organisation, name="organisation"),
    path(
        "organisaties/<int:pk>/leden/<int:user_pk>/verwijderen/",
        residents.member_remove,
        name="organisation_member_remove",
    ),
    path(
        "organisaties/<int:pk>/uitnodigingen/<int:invitation_pk>/intrekken/",
        invitations.withdraw,
        name="organisation_invitation_withdraw",
    ),
    path(
        "organisaties/uitnodiging/<str:token>/",
        residents.organisation_invitation,
        name="organisation_invitation",
    ),
]
