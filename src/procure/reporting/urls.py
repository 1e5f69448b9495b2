from django.urls import path

from procure.reporting import views

app_name = "reporting"
urlpatterns = [
    path("o/<slug:org>/dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("o/<slug:org>/dashboard/lines/", views.DrilldownView.as_view(), name="drilldown"),
    path("o/<slug:org>/dashboard/export.xlsx", views.DashboardExportView.as_view(), name="export"),
    path("o/<slug:org>/dashboard/suppliers/", views.SupplierSuggestionsView.as_view(), name="supplier_suggestions"),
]
