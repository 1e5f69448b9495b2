from django.urls import include, path

from procure.spend import views

app_name = "spend"
urlpatterns = [
    path("o/<slug:org>/spend/", views.SpendLineListView.as_view(), name="line_list"),
    path("o/<slug:org>/spend/imports/", views.SpendImportListView.as_view(), name="import_list"),
    path("o/<slug:org>/spend/imports/new/", views.SpendImportCreateView.as_view(), name="import_new"),
    path("o/<slug:org>/spend/imports/<int:pk>/", views.SpendImportDetailView.as_view(), name="import_detail"),
    path("o/<slug:org>/spend/imports/<int:pk>/remove/", views.SpendImportRemoveView.as_view(), name="import_remove"),
    path("o/<slug:org>/spend/imports/<int:pk>/progress/", views.SpendImportProgressView.as_view(),
         name="import_progress"),
    path("o/<slug:org>/spend/imports/<int:pk>/columns/", views.SpendImportMappingView.as_view(),
         name="import_mapping"),
    path("o/<slug:org>/payees/", views.PayeeReviewListView.as_view(), name="payee_review_list"),
    path("o/<slug:org>/payees/<int:pk>/", views.PayeeReviewDetailView.as_view(), name="payee_review_detail"),
    path("", include("procure.spend.coverage.urls")),
    path("", include("procure.spend.kpis.urls")),
    path("", include("procure.spend.review.urls")),
    path("", include("procure.spend.savings.urls")),
]
