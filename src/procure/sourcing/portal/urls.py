from django.urls import path

from procure.sourcing.portal import public_views as views

app_name = "portal"
urlpatterns = [
    path("portal/<slug:org>/", views.OpportunityListView.as_view(), name="opportunity_list"),
    path("portal/<slug:org>/feed/", views.OpportunityFeed(), name="feed"),
    path("portal/<slug:org>/sign-in/", views.SupplierSignInView.as_view(), name="sign_in"),
    path("portal/<slug:org>/register/", views.RegisterView.as_view(), name="register"),
    path("portal/<slug:org>/confirm/<str:uidb64>/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("portal/<slug:org>/<int:pk>/", views.OpportunityDetailView.as_view(), name="opportunity_detail"),
    path("portal/<slug:org>/<int:pk>/documents/<int:document_id>/", views.DocumentView.as_view(),
         name="document_download"),
]
