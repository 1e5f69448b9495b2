from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from procure.core.audit import audit_history
from procure.core.errors import BusinessRuleViolation
from procure.core.registers import RegisterListView
from procure.organisations.mixins import OrganisationPermissionMixin
from procure.suppliers import selectors, services
from procure.suppliers.filters import SupplierFilter
from procure.suppliers.forms import AliasForm, ClassificationForm, SupplierCreateForm, SupplierForm, SupplierImportForm
from procure.suppliers.geography import supplier_locality
from procure.suppliers.models import Supplier
from procure.suppliers.tables import SupplierTable

READ = ("supplier.view", "supplier.view_own")
WRITE = "supplier.change"


class SupplierListView(OrganisationPermissionMixin, RegisterListView):
    permission = READ
    model = Supplier
    table_class = SupplierTable
    filterset_class = SupplierFilter
    template_name = "suppliers/list.html"
    title = "Suppliers"
    intro = "The supplier register: identifiers, address, size band, VCSE status and Living Wage accreditation."
    export_name = "suppliers"

    def get_queryset(self):
        return selectors.suppliers_visible_to(user=self.request.user, organisation=self.organisation)

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "organisation_slug": self.organisation.slug}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_change": self.can(WRITE)}


class SupplierMixin(OrganisationPermissionMixin):
    """Finds the supplier in the address among those the user may see; 404 for any other."""

    def get_supplier(self) -> Supplier:
        supplier = selectors.supplier_get_visible(user=self.request.user, organisation=self.organisation,
                                                  supplier_id=self.kwargs["pk"])
        if supplier is None:
            raise Http404("No such supplier")
        return supplier


class SupplierDetailView(SupplierMixin, TemplateView):
    permission = READ
    template_name = "suppliers/detail.html"

    def get_context_data(self, **kwargs):
        supplier = self.get_supplier()
        classifications = list(supplier.classifications.all())
        today = timezone.localdate()
        current = next((c for c in classifications if c.valid_from <= today), None)
        can_read_all = self.can("supplier.view")
        return {**super().get_context_data(**kwargs), "supplier": supplier, "current": current,
                "classifications": classifications, "aliases": list(supplier.aliases.all()),
                "locality": supplier_locality(supplier), "can_change": self.can(WRITE),
                "history": list(audit_history(supplier)[:50]) if can_read_all else None}


class SupplierFormView(OrganisationPermissionMixin, View):
    """A form page whose valid answers go to a service; a rule the service refuses shows on the form."""

    permission = WRITE
    template_name = "suppliers/form.html"
    form_class = SupplierForm
    title = ""
    button = "Save"

    def get(self, request, org, **kwargs):
        return self.render_form(self.form_class(initial=self.initial()))

    def post(self, request, org, **kwargs):
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                supplier = self.save(form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_rule_error(violation)
            else:
                messages.success(request, self.success_message(form.cleaned_data))
                return redirect("suppliers:detail", self.organisation.slug, supplier.pk)
        return self.render_form(form)

    def initial(self) -> dict:
        return {}

    def save(self, data: dict) -> Supplier:
        raise NotImplementedError

    def success_message(self, data: dict) -> str:
        return "Saved"

    def render_form(self, form):
        return render(self.request, self.template_name, {
            "form": form, "title": self.title, "button": self.button, "organisation": self.organisation,
            "supplier": getattr(self, "supplier", None)})


class SupplierCreateView(SupplierFormView):
    form_class = SupplierCreateForm
    title = "Add a supplier"
    button = "Add supplier"

    def save(self, data):
        return services.supplier_create(organisation=self.organisation, actor=self.request.user, **data)

    def success_message(self, data):
        return f"{data['name']} added to the register"


class SupplierChangeFormView(SupplierMixin, SupplierFormView):
    """A form about one supplier already in the register."""

    def get(self, request, org, **kwargs):
        self.supplier = self.get_supplier()
        return super().get(request, org, **kwargs)

    def post(self, request, org, **kwargs):
        self.supplier = self.get_supplier()
        return super().post(request, org, **kwargs)


class SupplierEditView(SupplierChangeFormView):
    title = "Change supplier details"
    button = "Save changes"

    def initial(self):
        return {name: getattr(self.supplier, name) for name in SupplierForm.base_fields}

    def save(self, data):
        return services.supplier_update(supplier=self.supplier, actor=self.request.user, **data)

    def success_message(self, data):
        return "Supplier details saved"


class SupplierAliasAddView(SupplierChangeFormView):
    form_class = AliasForm
    title = "Add another name"
    button = "Add name"

    def save(self, data):
        services.supplier_alias_add(supplier=self.supplier, name=data["name"], kind=data["kind"],
                                    actor=self.request.user)
        return self.supplier

    def success_message(self, data):
        return f"{data['name']} added as another name"


class SupplierClassifyView(SupplierChangeFormView):
    form_class = ClassificationForm
    title = "Record size band and VCSE status"
    button = "Save size band"

    def initial(self):
        return {"valid_from": timezone.localdate()}

    def save(self, data):
        services.supplier_classify(supplier=self.supplier, actor=self.request.user, **data)
        return self.supplier

    def success_message(self, data):
        return f"Size band recorded from {data['valid_from']:%d/%m/%Y}"


class SupplierImportView(OrganisationPermissionMixin, View):
    permission = WRITE
    template_name = "suppliers/import.html"

    def get(self, request, org):
        return self.render_page(SupplierImportForm())

    def post(self, request, org):
        form = SupplierImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form)
        upload = form.cleaned_data["file"]
        report = services.suppliers_import(organisation=self.organisation, path_or_file=upload,
                                           file_name=upload.name, actor=request.user)
        return self.render_page(SupplierImportForm(), report=report)

    def render_page(self, form, report=None):
        imports = selectors.supplier_import_list(organisation=self.organisation)[:10]
        return render(self.request, self.template_name, {
            "form": form, "report": report, "imports": imports, "organisation": self.organisation})
