from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("meldingen/", views.subscribe, name="subscribe"),
    path("meldingen/aangevraagd/", views.requested, name="requested"),
    path("meldingen/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("meldingen/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
