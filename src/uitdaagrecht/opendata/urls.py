from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("taakvelden", views.TaakveldViewSet, basename="taakveld")
router.register("budget-lines", views.BudgetLineViewSet, basename="budgetline")

app_name = "opendata"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="opendata:schema"), name="docs"),
    path("", include(router.urls)),
]
