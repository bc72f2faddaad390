from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("criteria/", views.criteria, name="criteria"),
    path("besluiten/feed/", views.decisions_feed, name="feed"),
]
