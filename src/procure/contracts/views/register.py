from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from procure.contracts import rules, selectors, services
from procure.contracts.filters import ContractFilter, status_day_from
from procure.contracts.forms import FrameworkForm
from procure.contracts.models import Contract
from procure.contracts.tables import ContractTable
from procure.core.audit import audit_history
from procure.core.errors import BusinessRuleViolation
from procure.core.registers import RegisterListView
from procure.organisations.mixins import OrganisationPermissionMixin

READ = ("contract.view", "contract.view_own")
WRITE = "contract.change"


class ContractListView(OrganisationPermissionMixin, RegisterListView):
    permission = READ
    model = Contract
    table_class = ContractTable
    filterset_class = ContractFilter
    template_name = "contracts/list.html"
    title = "Contracts register"
    intro = ("Every contract: its suppliers, route to market, dates (counting exercised extensions), "
             "status and values net of VAT.")
    export_name = "contracts"

    def get_queryset(self):
        contracts = selectors.contract_list(organisation=self.organisation, user=self.request.user)
        day = status_day_from(self.request.GET)
        return selectors.with_status(contracts, on=day).prefetch_related("suppliers")

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "organisation_slug": self.organisation.slug}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_change": self.can(WRITE),
                "can_view_all": self.can("contract.view")}


class ContractMixin(OrganisationPermissionMixin):
    """Finds the contract in the address among those the user may see; 404 for any other."""

    def get_contract(self) -> Contract:
        contract = selectors.contract_get(organisation=self.organisation, user=self.request.user,
                                          contract_id=self.kwargs["pk"])
        if contract is None:
            raise Http404("No such contract")
        return contract


class ContractDetailView(ContractMixin, TemplateView):
    permission = READ
    template_name = "contracts/detail.html"

    def get_context_data(self, **kwargs):
        contract = self.get_contract()
        today = timezone.localdate()
        can_view_all = self.can("contract.view")
        return {
            **super().get_context_data(**kwargs), "contract": contract, "today": today,
            "status": rules.contract_status(contract, on=today),
            "suppliers": list(contract.suppliers.all()), "categories": list(contract.categories.all()),
            "cpv_codes": list(contract.cpv_codes.all()), "extensions": list(contract.extensions.all()),
            "participants": list(contract.participating_organisations.all()),
            "can_change": self.can(WRITE) and contract.organisation_id == self.organisation.pk,
            "can_see_suppliers": self.can("supplier.view"),
            "history": list(audit_history(contract)[:50]) if can_view_all else None,
        }


class ForwardPlanView(OrganisationPermissionMixin, TemplateView):
    permission = "contract.view"
    template_name = "contracts/forward_plan.html"
    months = 18

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        plan = selectors.forward_plan(organisation=self.organisation, today=today, months=self.months)
        return {**super().get_context_data(**kwargs), "plan": plan, "today": today, "months": self.months,
                "until": selectors.add_months(today, self.months)}


class FrameworkListView(OrganisationPermissionMixin, TemplateView):
    """The frameworks contracts are called off from; people who change contracts can record one here."""

    permission = "contract.view"
    template_name = "contracts/frameworks.html"

    def get_context_data(self, **kwargs):
        frameworks = selectors.framework_list(organisation=self.organisation).order_by("provider", "name")
        return {**super().get_context_data(**kwargs), "frameworks": frameworks,
                "can_change": self.can(WRITE), "form": kwargs.get("form") or FrameworkForm()}

    def post(self, request, org):
        if not self.can(WRITE):
            raise PermissionDenied("You cannot record frameworks")
        form = FrameworkForm(request.POST)
        if form.is_valid():
            try:
                framework = services.framework_create(organisation=self.organisation, actor=request.user,
                                                      **form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_error("name", violation.message)
            else:
                messages.success(request, f"{framework} recorded")
                return redirect("contracts:framework_list", self.organisation.slug)
        return self.render_to_response(self.get_context_data(form=form))
