from django.urls import path

from procure.suppliers import views

app_name = "suppliers"
urlpatterns = [
    path("o/<slug:org>/suppliers/", views.SupplierListView.as_view(), name="list"),
    path("o/<slug:org>/suppliers/add/", views.SupplierCreateView.as_view(), name="create"),
    path("o/<slug:org>/suppliers/import/", views.SupplierImportView.as_view(), name="import"),
    path("o/<slug:org>/suppliers/<int:pk>/", views.SupplierDetailView.as_view(), name="detail"),
    path("o/<slug:org>/suppliers/<int:pk>/change/", views.SupplierEditView.as_view(), name="edit"),
    path("o/<slug:org>/suppliers/<int:pk>/names/add/", views.SupplierAliasAddView.as_view(), name="alias_add"),
    path("o/<slug:org>/suppliers/<int:pk>/size/add/", views.SupplierClassifyView.as_view(), name="classify"),
]
