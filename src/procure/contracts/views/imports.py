from django.shortcuts import render
from django.views import View

from procure.contracts import selectors
from procure.contracts.forms import ContractImportForm
from procure.contracts.importing import contract_import
from procure.contracts.views.register import WRITE
from procure.organisations.mixins import OrganisationPermissionMixin


class ContractImportView(OrganisationPermissionMixin, View):
    """Upload a contracts register file; the page reports what was added, updated, or why nothing was."""

    permission = WRITE
    template_name = "contracts/import.html"

    def get(self, request, org):
        return self.render_page(ContractImportForm())

    def post(self, request, org):
        form = ContractImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form)
        upload = form.cleaned_data["file"]
        result = contract_import(organisation=self.organisation, file_name=upload.name, content=upload.read(),
                                 actor=request.user)
        return self.render_page(ContractImportForm(), result=result)

    def render_page(self, form, result=None):
        imports = selectors.contract_import_list(organisation=self.organisation)[:10]
        return render(self.request, self.template_name, {
            "form": form, "result": result, "imports": imports, "organisation": self.organisation})
