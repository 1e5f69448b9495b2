from django.urls import path

from procure.spend.savings import views

urlpatterns = [
    path("o/<slug:org>/savings/", views.SavingListView.as_view(), name="saving_list"),
    path("o/<slug:org>/savings/add/", views.SavingFormView.as_view(), name="saving_create"),
    path("o/<slug:org>/savings/<int:pk>/", views.SavingDetailView.as_view(), name="saving_detail"),
    path("o/<slug:org>/savings/<int:pk>/change/", views.SavingFormView.as_view(), name="saving_edit"),
    path("o/<slug:org>/savings/<int:pk>/years/", views.SavingYearView.as_view(), name="saving_year"),
    path("o/<slug:org>/savings/<int:pk>/years/<int:year>/measure/", views.SavingRealiseView.as_view(),
         name="saving_realise"),
    path("o/<slug:org>/savings/<int:pk>/approve/", views.SavingApproveView.as_view(), name="saving_approve"),
]
