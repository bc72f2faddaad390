from django.urls import path

from uitdaagrecht.notifications import views as notifications

from . import statements, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("account/", views.account, name="account"),
    path("account/meldingen/", notifications.inbox, name="notifications"),
    path(
        "account/meldingen/instellingen/",
        notifications.email_settings,
        name="notification_settings",
    ),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path(
        "<slug:municipality>/toegankelijkheid/",
        views.accessibility,
        name="municipality_accessibility",
    ),
    path(
        "<slug:municipality>/privacy/",
        statements.privacy_statement,
        name="municipality_privacy",
    ),
    path("<slug:municipality>/", views.municipality, name="municipality"),
]
