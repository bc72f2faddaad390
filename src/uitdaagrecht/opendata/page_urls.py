"""The open-data pages, in the visitor's language: the country's and each municipality's."""

from django.urls import path

from . import downloads, lessons, national, report_views

app_name = "opendata_pages"
urlpatterns = [
    path("open-data/", downloads.national, name="national"),
    path("uitdaagrecht/", national.overview, name="overview"),
    path("uitdaagrecht/gemeenten.csv", national.overview_csv, name="overview_csv"),
    path("uitdaagrecht/lessen/", lessons.library, name="lessons"),
    path("uitdaagrecht/lessen/feed/", lessons.lessons_feed, name="lessons_feed"),
    path("<slug:municipality>/open-data/", downloads.municipal, name="municipal"),
    path("<slug:municipality>/klopt-dit-niet/", report_views.report, name="report"),
    path(
        "<slug:municipality>/klopt-dit-niet/verzonden/",
        report_views.report_sent,
        name="report_sent",
    ),
    path("woo/sitemap.xml", downloads.woo_index, name="woo_index"),
    path("<slug:municipality>/woo/sitemap.xml", downloads.woo_sitemap, name="woo_sitemap"),
]
