from procure.sourcing.views.setup import (
    CancelView,
    CriterionAddView,
    DocumentAddView,
    DocumentDownloadView,
    EvaluationModelView,
    LotAddView,
    PartRemoveView,
    PriceItemAddView,
    PublishView,
    SelectionQuestionAddView,
    TenderCreateView,
    TenderDetailsView,
    TenderDetailView,
    TenderFromRequestView,
    TenderListView,
    TimetableView,
)

__all__ = [
    "CancelView", "CriterionAddView", "DocumentAddView", "DocumentDownloadView", "EvaluationModelView",
    "LotAddView", "PartRemoveView", "PriceItemAddView", "PublishView", "SelectionQuestionAddView",
    "TenderCreateView", "TenderDetailsView", "TenderDetailView", "TenderFromRequestView", "TenderListView",
    "TimetableView",
]
