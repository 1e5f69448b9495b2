from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from procure.contracts import selectors, services
from procure.contracts.forms import ContractForm, ExtensionForm
from procure.contracts.models import Contract, ContractExtension
from procure.contracts.views.register import WRITE
from procure.core.errors import BusinessRuleViolation
from procure.organisations.mixins import OrganisationPermissionMixin


class ChangeMixin(OrganisationPermissionMixin):
    """Only the organisation that let a contract changes it: others get 404."""

    permission = WRITE

    def get_contract(self) -> Contract:
        contract = selectors.contract_get_for_change(organisation=self.organisation,
                                                     contract_id=self.kwargs["pk"])
        if contract is None:
            raise Http404("No such contract")
        return contract


class ContractFormView(ChangeMixin, View):
    template_name = "contracts/form.html"
    title = ""
    button = "Save"
    contract: Contract | None = None

    def get(self, request, org, **kwargs):
        self.contract = self.load()
        return self.render_form(ContractForm(organisation=self.organisation, initial=self.initial()))

    def post(self, request, org, **kwargs):
        self.contract = self.load()
        form = ContractForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                contract = self.save(data)
            except BusinessRuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, self.success_message(contract))
                return redirect("contracts:detail", self.organisation.slug, contract.pk)
        return self.render_form(form)

    def load(self) -> Contract | None:
        return None

    def initial(self) -> dict:
        return {"route": "own_tender", "is_managed_by_procurement": True}

    def save(self, data: dict) -> Contract:
        raise NotImplementedError

    def success_message(self, contract: Contract) -> str:
        return "Contract saved"

    def render_form(self, form):
        return render(self.request, self.template_name, {
            "form": form, "title": self.title, "button": self.button, "organisation": self.organisation,
            "contract": self.contract})


class ContractCreateView(ContractFormView):
    title = "Add a contract"
    button = "Add contract"

    def save(self, data):
        return services.contract_create(organisation=self.organisation, actor=self.request.user, **data)

    def success_message(self, contract):
        return f"Contract {contract.reference} added to the register"


class ContractEditView(ContractFormView):
    title = "Change contract details"
    button = "Save changes"

    def load(self):
        return self.get_contract()

    def initial(self):
        return ContractForm.initial_for(self.contract)

    def save(self, data):
        return services.contract_update(contract=self.contract, actor=self.request.user, **data)

    def success_message(self, contract):
        return "Contract details saved"


class ContractDeleteView(ChangeMixin, View):
    def get(self, request, org, pk):
        return render(request, "contracts/confirm_delete.html",
                      {"contract": self.get_contract(), "organisation": self.organisation})

    def post(self, request, org, pk):
        contract = self.get_contract()
        reference = contract.reference
        services.contract_delete(contract=contract, actor=request.user)
        messages.success(request, f"Contract {reference} removed from the register")
        return redirect("contracts:list", self.organisation.slug)


class ExtensionAddView(ChangeMixin, View):
    template_name = "contracts/extension_form.html"

    def get(self, request, org, pk):
        return self.render_form(ExtensionForm(), self.get_contract())

    def post(self, request, org, pk):
        contract = self.get_contract()
        form = ExtensionForm(request.POST)
        if form.is_valid():
            try:
                services.contract_extension_add(contract=contract, ends_on=form.cleaned_data["ends_on"],
                                                actor=request.user)
            except BusinessRuleViolation as violation:
                form.add_error("ends_on", violation.message)
            else:
                ends_on = form.cleaned_data["ends_on"]
                messages.success(request, f"Option to extend the contract to {ends_on:%d/%m/%Y} added")
                return redirect("contracts:detail", self.organisation.slug, contract.pk)
        return self.render_form(form, contract)

    def render_form(self, form, contract):
        return render(self.request, self.template_name,
                      {"form": form, "contract": contract, "organisation": self.organisation})


class ExtensionExerciseView(ChangeMixin, View):
    def post(self, request, org, pk, extension_id):
        contract = self.get_contract()
        extension = get_object_or_404(ContractExtension, pk=extension_id, contract=contract)
        try:
            services.contract_extension_exercise(extension=extension, actor=request.user,
                                                 exercised_on=timezone.localdate())
        except BusinessRuleViolation as violation:
            messages.error(request, violation.message)
        else:
            ends_on = f"{extension.ends_on:%d/%m/%Y}"
            messages.success(request, f"Extension exercised: the contract now ends on {ends_on}")
        return redirect("contracts:detail", self.organisation.slug, contract.pk)
