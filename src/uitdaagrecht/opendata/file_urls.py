"""The open-data files at stable addresses, the same in every language (/open-data/...)."""

from django.urls import path

from . import downloads

app_name = "opendata_files"
urlpatterns = [
    path("bestanden/<slug:scope>/<str:name>", downloads.download, name="file"),
]
