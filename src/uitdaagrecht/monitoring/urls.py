from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path(
        "uitdagingen/<str:reference>/ervaringen/",
        views.feedback_leave,
        name="feedback_leave",
    ),
    path(
        "uitdagingen/<str:reference>/onafhankelijke-evaluatie/",
        views.evaluator_page,
        name="evaluator",
    ),
]
