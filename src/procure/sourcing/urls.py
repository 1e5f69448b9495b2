from django.urls import path

from procure.sourcing import views
from procure.sourcing.views import stages

app_name = "sourcing"
urlpatterns = [
    path("o/<slug:org>/tenders/", views.TenderListView.as_view(), name="tender_list"),
    path("o/<slug:org>/tenders/add/", views.TenderCreateView.as_view(), name="tender_create"),
    path("o/<slug:org>/tenders/from-request/<int:request_id>/", views.TenderFromRequestView.as_view(),
         name="tender_from_request"),
    path("o/<slug:org>/tenders/<int:pk>/", views.TenderDetailView.as_view(), name="tender_detail"),
    path("o/<slug:org>/tenders/<int:pk>/details/", views.TenderDetailsView.as_view(), name="tender_details"),
    path("o/<slug:org>/tenders/<int:pk>/timetable/", views.TimetableView.as_view(), name="tender_timetable"),
    path("o/<slug:org>/tenders/<int:pk>/model/", views.EvaluationModelView.as_view(), name="tender_model"),
    path("o/<slug:org>/tenders/<int:pk>/lots/add/", views.LotAddView.as_view(), name="lot_add"),
    path("o/<slug:org>/tenders/<int:pk>/selection/add/", views.SelectionQuestionAddView.as_view(),
         name="selection_add"),
    path("o/<slug:org>/tenders/<int:pk>/criteria/add/", views.CriterionAddView.as_view(), name="criterion_add"),
    path("o/<slug:org>/tenders/<int:pk>/prices/add/", views.PriceItemAddView.as_view(), name="price_item_add"),
    path("o/<slug:org>/tenders/<int:pk>/documents/add/", views.DocumentAddView.as_view(), name="document_add"),
    path("o/<slug:org>/tenders/<int:pk>/documents/<int:document_id>/", views.DocumentDownloadView.as_view(),
         name="document_download"),
    path("o/<slug:org>/tenders/<int:pk>/<str:kind>/<int:part_id>/remove/", views.PartRemoveView.as_view(),
         name="part_remove"),
    path("o/<slug:org>/tenders/<int:pk>/publish/", views.PublishView.as_view(), name="tender_publish"),
    path("o/<slug:org>/tenders/<int:pk>/cancel/", views.CancelView.as_view(), name="tender_cancel"),
    path("o/<slug:org>/tenders/<int:pk>/bids/", stages.BidsView.as_view(), name="tender_bids"),
    path("o/<slug:org>/tenders/<int:pk>/bids/<int:bid_id>/", stages.BidDetailView.as_view(), name="bid_detail"),
    path("o/<slug:org>/tenders/<int:pk>/bids/<int:bid_id>/documents/<int:document_id>/",
         stages.BidDocumentView.as_view(), name="bid_document"),
    path("o/<slug:org>/tenders/<int:pk>/clarifications/", stages.ClarificationsView.as_view(),
         name="tender_clarifications"),
    path("o/<slug:org>/tenders/<int:pk>/evaluators/", stages.EvaluatorsView.as_view(), name="tender_evaluators"),
    path("o/<slug:org>/tenders/<int:pk>/moderation/", stages.ModerationView.as_view(), name="tender_moderation"),
    path("o/<slug:org>/tenders/<int:pk>/report/", stages.ReportView.as_view(), name="tender_report"),
    path("o/<slug:org>/tenders/<int:pk>/award/", stages.AwardView.as_view(), name="tender_award"),
    path("o/<slug:org>/evaluations/", stages.MyEvaluationsView.as_view(), name="my_evaluations"),
    path("o/<slug:org>/evaluations/<int:assignment_id>/", stages.AssignmentView.as_view(), name="assignment"),
    path("o/<slug:org>/evaluations/<int:assignment_id>/bids/<int:bid_id>/", stages.MarkView.as_view(),
         name="mark_bid"),
]
