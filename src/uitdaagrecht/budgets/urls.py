from django.urls import path

from . import views

app_name = "budgets"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<str:code>/", views.taakveld_detail, name="taakveld"),
]
