from django.urls import path

from procure.sourcing.api import views
from procure.sourcing.requests import api as requests_api

urlpatterns = [
    path("tenders/", views.TenderListApi.as_view(), name="api_tender_list"),
    path("tenders/<int:pk>/", views.TenderDetailApi.as_view(), name="api_tender_detail"),
    path("requests/", requests_api.RequestListApi.as_view(), name="api_request_list"),
    path("requests/<int:pk>/", requests_api.RequestDetailApi.as_view(), name="api_request_detail"),
]
