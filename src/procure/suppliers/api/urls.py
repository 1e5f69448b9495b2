from django.urls import path

from procure.suppliers.api import views

urlpatterns = [
    path("suppliers/", views.SupplierListApi.as_view(), name="api_supplier_list"),
    path("suppliers/<int:pk>/", views.SupplierDetailApi.as_view(), name="api_supplier_detail"),
]
