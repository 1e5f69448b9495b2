from django.http import Http404
from django.utils import timezone
from django.views.generic import TemplateView

from procure.contracts import selectors
from procure.contracts.filters import CpvFilter
from procure.contracts.models import CpvCode
from procure.contracts.tables import CpvTable
from procure.core.registers import RegisterListView
from procure.organisations.mixins import OrganisationPermissionMixin


class CategoryListView(OrganisationPermissionMixin, TemplateView):
    """ProClass as a tree, or the categories matching a search."""

    permission = "category.view"
    template_name = "contracts/category_list.html"

    def get_context_data(self, **kwargs):
        text = self.request.GET.get("q", "").strip()
        context = {**super().get_context_data(**kwargs), "q": text}
        if text:
            context["results"] = list(selectors.category_search(text=text).order_by("path")[:200])
        else:
            context["tree"] = selectors.category_tree()
        return context


class CategoryDetailView(OrganisationPermissionMixin, TemplateView):
    permission = "category.view"
    template_name = "contracts/category_detail.html"

    def get_context_data(self, **kwargs):
        category = selectors.category_get(category_id=self.kwargs["pk"])
        if category is None:
            raise Http404("No such category")
        contracts = selectors.category_contracts(category=category, organisation=self.organisation,
                                                 user=self.request.user)
        contracts = selectors.with_status(contracts, on=timezone.localdate()).prefetch_related("suppliers")
        return {**super().get_context_data(**kwargs), "category": category,
                "ancestors": selectors.category_ancestors(category=category),
                "children": list(category.children.order_by("name")), "contracts": list(contracts[:200])}


class CpvListView(OrganisationPermissionMixin, RegisterListView):
    permission = "category.view"
    model = CpvCode
    table_class = CpvTable
    filterset_class = CpvFilter
    title = "CPV codes"
    intro = ("The Common Procurement Vocabulary (CPV 2008) used in tender and contract notices. "
             "Search by the leading digits of a code or by words of its description.")
    export_name = "cpv-codes"

    def get_queryset(self):
        return selectors.cpv_search()
