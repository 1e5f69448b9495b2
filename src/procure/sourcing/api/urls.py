from django.urls import path

from procure.sourcing.api import views

urlpatterns = [
    path("tenders/", views.TenderListApi.as_view(), name="api_tender_list"),
    path("tenders/<int:pk>/", views.TenderDetailApi.as_view(), name="api_tender_detail"),
]
