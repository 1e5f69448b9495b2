from django.urls import path

from procure.contracts.api import views

urlpatterns = [
    path("contracts/", views.ContractListApi.as_view(), name="api_contract_list"),
    path("contracts/<int:pk>/", views.ContractDetailApi.as_view(), name="api_contract_detail"),
    path("frameworks/", views.FrameworkListApi.as_view(), name="api_framework_list"),
    path("categories/", views.CategoryListApi.as_view(), name="api_category_list"),
    path("categories/<int:pk>/", views.CategoryDetailApi.as_view(), name="api_category_detail"),
    path("cpv-codes/", views.CpvListApi.as_view(), name="api_cpv_list"),
]
