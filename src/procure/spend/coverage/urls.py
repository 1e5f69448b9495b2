from django.urls import path

from procure.spend.coverage import views

urlpatterns = [
    path("o/<slug:org>/spend/exclusions/", views.ExclusionRuleListView.as_view(), name="exclusion_list"),
    path("o/<slug:org>/spend/exclusions/<int:pk>/toggle/", views.ExclusionRuleToggleView.as_view(),
         name="exclusion_toggle"),
]
