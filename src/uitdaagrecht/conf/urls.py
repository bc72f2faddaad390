from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from uitdaagrecht.accounts.residents import privacy_statement
from uitdaagrecht.core import observability
from uitdaagrecht.core import views as core_views

handler404 = "uitdaagrecht.core.views.page_not_found"
handler500 = "uitdaagrecht.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("metrics", observability.metrics, name="metrics"),
    path("api/v1/", include("uitdaagrecht.opendata.urls")),
    path("open-data/", include("uitdaagrecht.opendata.file_urls")),
    path("django-admin/", admin.site.urls),
    # Logos are public by nature; every other upload goes through a permission-checking view.
    path("media/logos/<path:path>", serve, {"document_root": settings.MEDIA_ROOT / "logos"}),
]
urlpatterns += i18n_patterns(
    path("privacy/", privacy_statement, name="privacy"),
    path("", include("uitdaagrecht.opendata.page_urls")),  # before portal's /<slug>/
    path("", include("uitdaagrecht.portal.urls")),
    path("account/", include("uitdaagrecht.accounts.urls")),
    path("<slug:municipality>/beheer/", include("uitdaagrecht.opendata.staff_urls")),
    path("<slug:municipality>/beheer/", include("uitdaagrecht.conf.workspace_urls")),
    path("<slug:municipality>/begroting/", include("uitdaagrecht.budgets.urls")),
    path("<slug:municipality>/", include("uitdaagrecht.challenges.urls")),
    path("<slug:municipality>/", include("uitdaagrecht.assessment.urls")),
    path("<slug:municipality>/", include("uitdaagrecht.monitoring.urls")),
    path("<slug:municipality>/", include("uitdaagrecht.notifications.urls")),
    path("<slug:municipality>/", include("uitdaagrecht.catalog.urls")),
    path("<slug:municipality>/", include("uitdaagrecht.tenants.urls")),
    prefix_default_language=False,
)
