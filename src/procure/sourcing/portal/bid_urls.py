from django.urls import path

from procure.sourcing.portal import bidding_views as views

app_name = "bidding"
urlpatterns = [
    path("portal/<slug:org>/<int:pk>/ask/", views.AskView.as_view(), name="ask"),
    path("portal/<slug:org>/<int:pk>/bid/", views.BidView.as_view(), name="bid"),
    path("portal/<slug:org>/bids/", views.MyBidsView.as_view(), name="my_bids"),
    path("portal/<slug:org>/bids/<int:bid_id>/", views.ReceiptView.as_view(), name="receipt"),
    path("portal/<slug:org>/letters/<int:letter_id>/", views.LetterView.as_view(), name="letter"),
]
