"""The 'Klopt dit niet?' queue in the staff workspace (/<slug>/beheer/meldingen-gegevens/)."""

from django.urls import path

from . import report_views

app_name = "opendata_staff"
urlpatterns = [
    path("", report_views.queue, name="queue"),
    path("<int:pk>/", report_views.answer, name="answer"),
]
