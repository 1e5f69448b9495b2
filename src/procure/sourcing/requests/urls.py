from django.urls import path

from procure.sourcing.requests import views

app_name = "procurement_requests"
urlpatterns = [
    path("o/<slug:org>/requests/", views.RequestListView.as_view(), name="request_list"),
    path("o/<slug:org>/requests/add/", views.RequestCreateView.as_view(), name="request_create"),
    path("o/<slug:org>/requests/rules/", views.RouteBandsView.as_view(), name="route_bands"),
    path("o/<slug:org>/requests/rules/<int:band_id>/remove/", views.RouteBandRemoveView.as_view(),
         name="route_band_remove"),
    path("o/<slug:org>/requests/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("o/<slug:org>/requests/<int:pk>/change/", views.RequestEditView.as_view(), name="request_edit"),
    path("o/<slug:org>/requests/<int:pk>/submit/", views.RequestSubmitView.as_view(), name="request_submit"),
    path("o/<slug:org>/requests/<int:pk>/meet/", views.RequestMeetView.as_view(), name="request_meet"),
    path("o/<slug:org>/requests/<int:pk>/withdraw/", views.RequestWithdrawView.as_view(), name="request_withdraw"),
]
