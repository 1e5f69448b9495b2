from django.urls import path

from procure.spend.api import views

urlpatterns = [
    path("spend/lines/", views.SpendLineListApi.as_view(), name="api_spend_line_list"),
    path("spend/imports/", views.SpendImportListApi.as_view(), name="api_spend_import_list"),
    path("spend/imports/<int:pk>/", views.SpendImportDetailApi.as_view(), name="api_spend_import_detail"),
]
