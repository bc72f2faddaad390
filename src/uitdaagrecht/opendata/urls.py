from django.urls import include, path
from django.views.decorators.cache import cache_page
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import assessment_api, catalog_api, challenges_api, monitoring_api, views

router = DefaultRouter()
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("taakvelden", views.TaakveldViewSet, basename="taakveld")
router.register("budget-lines", views.BudgetLineViewSet, basename="budgetline")
router.register("tasks", catalog_api.TaskViewSet, basename="task")
router.register("contracts", catalog_api.ContractViewSet, basename="contract")
router.register("calendar", catalog_api.CalendarViewSet, basename="calendar")
router.register("challenges", challenges_api.ChallengeViewSet, basename="challenge")
router.register("frameworks", assessment_api.FrameworkViewSet, basename="framework")
router.register("decisions", assessment_api.DecisionViewSet, basename="decision")
router.register("agreements", assessment_api.AgreementViewSet, basename="agreement")
router.register(
    "progress-reports", monitoring_api.ProgressReportViewSet, basename="progress-report"
)
router.register("evaluations", monitoring_api.EvaluationViewSet, basename="evaluation")
router.register("handovers", monitoring_api.HandoverViewSet, basename="handover")

app_name = "opendata"
urlpatterns = [
    # The schema only changes with a deployment: build it once an hour, not on every request.
    path("schema/", cache_page(3600)(SpectacularAPIView.as_view()), name="schema"),
    # The split view serves the set-up script from its own URL, and our template has no inline
    # <style>: the docs work under the product's CSP (tests/browser/test_api_docs.py).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="opendata:schema", template_name="opendata/api_docs.html"
        ),
        name="docs",
    ),
    path("", include(router.urls)),
]
