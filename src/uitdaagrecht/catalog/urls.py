from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("taken/", views.catalogue, name="catalogue"),
    path("taken/<slug:task>/", views.task, name="task"),
    path("kalender/", views.calendar, name="calendar"),
    path("kalender.csv", views.calendar_csv, name="calendar_csv"),
    path("kalender.ics", views.calendar_ics, name="calendar_ics"),
]
