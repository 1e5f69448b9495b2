from django.urls import path

from procure.spend.review import threshold_views, views

urlpatterns = [
    path("o/<slug:org>/spend/review/", views.ReviewItemListView.as_view(), name="review_list"),
    path("o/<slug:org>/spend/review/run/", views.ReviewRunView.as_view(), name="review_run"),
    path("o/<slug:org>/spend/review/<int:pk>/", views.ReviewItemDetailView.as_view(), name="review_detail"),
    path("o/<slug:org>/spend/review/<int:pk>/edit/", views.ReviewItemEditView.as_view(), name="review_edit"),
    path("o/<slug:org>/spend/thresholds/", threshold_views.ProcedureThresholdListView.as_view(),
         name="threshold_list"),
    path("o/<slug:org>/spend/thresholds/new/", threshold_views.ProcedureThresholdAddView.as_view(),
         name="threshold_add"),
    path("o/<slug:org>/spend/thresholds/defaults/", threshold_views.ProcedureThresholdInstallView.as_view(),
         name="threshold_install"),
    path("o/<slug:org>/spend/thresholds/<int:pk>/", threshold_views.ProcedureThresholdEditView.as_view(),
         name="threshold_edit"),
    path("o/<slug:org>/spend/thresholds/<int:pk>/end/", threshold_views.ProcedureThresholdEndView.as_view(),
         name="threshold_end"),
]
