"""The contracts pages: thin views that parse, ask a selector or call a service, and render."""

from procure.contracts.views.categories import CategoryDetailView, CategoryListView, CpvListView
from procure.contracts.views.editing import (
    ContractCreateView,
    ContractDeleteView,
    ContractEditView,
    ExtensionAddView,
    ExtensionExerciseView,
)
from procure.contracts.views.imports import ContractImportView
from procure.contracts.views.register import (
    ContractDetailView,
    ContractListView,
    ForwardPlanView,
    FrameworkListView,
)

__all__ = [
    "CategoryDetailView", "CategoryListView", "ContractCreateView", "ContractDeleteView",
    "ContractDetailView", "ContractEditView", "ContractImportView", "ContractListView", "CpvListView",
    "ExtensionAddView",
    "ExtensionExerciseView", "ForwardPlanView", "FrameworkListView",
]
