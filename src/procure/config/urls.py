from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

api_patterns = [
    path("", include("procure.organisations.api.urls")),
    path("", include("procure.suppliers.api.urls")),
    path("", include("procure.contracts.api.urls")),
    path("", include("procure.spend.api.urls")),
    path("", include("procure.sourcing.api.urls")),
]

urlpatterns = [
    path("", include("procure.organisations.urls")),
    path("", include("procure.core.urls")),
    path("", include("procure.suppliers.urls")),
    path("", include("procure.contracts.urls")),
    path("", include("procure.spend.urls")),
    path("", include("procure.reporting.urls")),
    path("", include("procure.governance.urls")),
    path("", include("procure.social_value.urls")),
    path("", include("procure.sourcing.urls")),
    path("", include("procure.sourcing.requests.urls")),
    path("", include("procure.sourcing.evaluation.urls")),
    path("", include("procure.sourcing.award.urls")),
    path("", include("procure.sourcing.portal.urls")),
    path("", include("procure.sourcing.portal.bid_urls")),
    path("api/o/<slug:org>/", include(api_patterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("django-admin/", admin.site.urls),
]

handler403 = "procure.core.views.permission_denied"
handler404 = "procure.core.views.page_not_found"
handler500 = "procure.core.views.server_error"
