"""Staff pages of open data (/<slug>/beheer/...): the 'Klopt dit niet?' queue and the link to
the municipality's regulation for the national view."""

from django.urls import path

from . import national, report_views

app_name = "opendata_staff"
urlpatterns = [
    path("meldingen-gegevens/", report_views.queue, name="queue"),
    path("meldingen-gegevens/<int:pk>/", report_views.answer, name="answer"),
    path("verordening/", national.regulation, name="regulation"),
]
