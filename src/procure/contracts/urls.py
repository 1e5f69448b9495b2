from django.urls import path

from procure.contracts import views

app_name = "contracts"
urlpatterns = [
    path("o/<slug:org>/contracts/", views.ContractListView.as_view(), name="list"),
    path("o/<slug:org>/contracts/add/", views.ContractCreateView.as_view(), name="create"),
    path("o/<slug:org>/contracts/import/", views.ContractImportView.as_view(), name="import"),
    path("o/<slug:org>/contracts/forward-plan/", views.ForwardPlanView.as_view(), name="forward_plan"),
    path("o/<slug:org>/contracts/frameworks/", views.FrameworkListView.as_view(), name="framework_list"),
    path("o/<slug:org>/contracts/<int:pk>/", views.ContractDetailView.as_view(), name="detail"),
    path("o/<slug:org>/contracts/<int:pk>/change/", views.ContractEditView.as_view(), name="edit"),
    path("o/<slug:org>/contracts/<int:pk>/delete/", views.ContractDeleteView.as_view(), name="delete"),
    path("o/<slug:org>/contracts/<int:pk>/extensions/add/", views.ExtensionAddView.as_view(),
         name="extension_add"),
    path("o/<slug:org>/contracts/<int:pk>/extensions/<int:extension_id>/exercise/",
         views.ExtensionExerciseView.as_view(), name="extension_exercise"),
    path("o/<slug:org>/categories/", views.CategoryListView.as_view(), name="category_list"),
    path("o/<slug:org>/categories/<int:pk>/", views.CategoryDetailView.as_view(), name="category_detail"),
    path("o/<slug:org>/cpv/", views.CpvListView.as_view(), name="cpv_list"),
]
