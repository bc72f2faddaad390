"""The open-data files at stable addresses, the same in every language (/open-data/...)."""

from django.urls import path

from . import downloads

app_name = "opendata_files"
urlpatterns = [
    path("bestanden/<slug:scope>/<str:name>", downloads.download, name="file"),
    path("catalogus.ttl", downloads.national_catalogue, {"extension": "ttl"}, name="catalogue"),
    path(
        "catalogus.jsonld",
        downloads.national_catalogue,
        {"extension": "jsonld"},
        name="catalogue_jsonld",
    ),
]
