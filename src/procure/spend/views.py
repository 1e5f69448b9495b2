from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import FormView, TemplateView

from procure.core.audit import audit_history
from procure.core.errors import BusinessRuleViolation
from procure.core.registers import RegisterListView
from procure.organisations.mixins import OrganisationPermissionMixin
from procure.spend import selectors, services
from procure.spend.choices import ImportStatus, PayeeReviewStatus
from procure.spend.filters import PayeeReviewFilter, SpendImportFilter, SpendLineFilter
from procure.spend.forms import ColumnMappingForm, PayeeDecisionForm, SpendUploadForm
from procure.spend.importing import LABELS
from procure.spend.models import PayeeReview, SpendImport, SpendLine
from procure.spend.tables import PayeeReviewTable, SpendImportTable, SpendLineTable
from procure.suppliers.selectors import supplier_get, supplier_list

SHOWN_ROWS = 1000


class _OrganisationRegister(OrganisationPermissionMixin, RegisterListView):
    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "organisation_slug": self.organisation.slug}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_import"] = self.can("spend.import")
        return context


class SpendLineListView(_OrganisationRegister):
    permission = "spend.view"
    model = SpendLine
    table_class = SpendLineTable
    filterset_class = SpendLineFilter
    template_name = "spend/line_list.html"
    title = "Spend"
    intro = "Every payment line imported from finance files, in pounds net of VAT. Credits are negative."
    export_name = "spend-lines"

    def get_queryset(self):
        return selectors.spend_line_list(organisation=self.organisation)


class SpendImportListView(_OrganisationRegister):
    permission = "spend.view"
    model = SpendImport
    table_class = SpendImportTable
    filterset_class = SpendImportFilter
    template_name = "spend/import_list.html"
    title = "Spend imports"
    intro = "Each spend file loaded or refused: who, when, the file, its lines and whether they add up."
    export_name = "spend-imports"

    def get_queryset(self):
        return selectors.spend_import_list(organisation=self.organisation)


class SpendImportCreateView(OrganisationPermissionMixin, FormView):
    permission = "spend.import"
    form_class = SpendUploadForm
    template_name = "spend/import_new.html"

    def form_valid(self, form):
        uploaded = form.cleaned_data["file"]
        try:
            stored = services.spend_upload_store(organisation=self.organisation, uploaded_file=uploaded)
        except BusinessRuleViolation as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        record = services.spend_import_queue(organisation=self.organisation, stored_file=stored,
                                             file_name=uploaded.name, actor=self.request.user)
        services.spend_import_start(record=record)
        return redirect("spend:import_detail", self.organisation.slug, record.pk)


class _ImportMixin(OrganisationPermissionMixin):
    def get_import(self) -> SpendImport:
        record = selectors.spend_import_get(organisation=self.organisation, import_id=self.kwargs["pk"])
        if record is None:
            raise Http404("No such import")
        return record


def _progress_context(record: SpendImport) -> dict:
    done, total = selectors.spend_import_progress(spend_import=record)
    return {"done": done, "total": total, "percent": round(100 * done / total) if total else 0,
            "is_running": record.status in (ImportStatus.PENDING, ImportStatus.RUNNING)}


class SpendImportDetailView(_ImportMixin, TemplateView):
    permission = "spend.view"
    template_name = "spend/import_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.get_import()
        context.update(
            record=record, progress=_progress_context(record), rejected=record.rejected[:SHOWN_ROWS],
            rejected_more=max(0, len(record.rejected) - SHOWN_ROWS), skipped=record.skipped[:SHOWN_ROWS],
            tables=_tables_shown(record), history=audit_history(record)[:20],
            can_map=self.can("spend.import") and _needs_mapping(record), can_review=self.can("payee.resolve"),
            can_remove=self.can("spend.import") and record.status == ImportStatus.COMPLETED)
        return context


def _tables_shown(record: SpendImport) -> list[dict]:
    """Each table read, with its columns named as people say them ('payment date', not 'payment_date')."""
    return [{**table, "columns": [(_sentence_case(LABELS.get(field, field)), heading)
                                  for field, heading in table.get("columns", {}).items()]}
            for table in record.mapping.get("tables", [])]


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _needs_mapping(record: SpendImport) -> bool:
    return record.status == ImportStatus.REJECTED and bool(record.headers) and not record.mapping.get("tables")


class SpendImportRemoveView(_ImportMixin, View):
    """Confirm, then take an import's lines out again."""

    permission = "spend.import"

    def get(self, request, org, pk):
        return render(request, "spend/import_remove.html", {"organisation": self.organisation,
                                                             "record": self.get_import(), "error": ""})

    def post(self, request, org, pk):
        record = self.get_import()
        try:
            services.spend_import_remove(record=record, actor=request.user, reason=request.POST.get("reason", ""))
        except BusinessRuleViolation as error:
            return render(request, "spend/import_remove.html",
                          {"organisation": self.organisation, "record": record, "error": error.message}, status=400)
        messages.success(request, f"The lines of {record.file_name} were removed")
        return redirect("spend:import_detail", org, pk)


class SpendImportProgressView(_ImportMixin, View):
    """The progress partial polled by the report page; when the import ends it asks the page to reload."""

    permission = "spend.view"

    def get(self, request, org, pk):
        record = self.get_import()
        context = {"record": record, "progress": _progress_context(record), "organisation": self.organisation}
        response = render(request, "spend/_import_progress.html", context)
        if not context["progress"]["is_running"]:
            response["HX-Refresh"] = "true"
        return response


class SpendImportMappingView(_ImportMixin, FormView):
    permission = "spend.import"
    form_class = ColumnMappingForm
    template_name = "spend/import_mapping.html"

    def get_form_kwargs(self):
        self.record = self.get_import()
        if not _needs_mapping(self.record):
            raise Http404("This import does not need its columns choosing")
        return {**super().get_form_kwargs(), "headers": self.record.headers}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "record": self.record}

    def form_valid(self, form):
        try:
            services.column_mapping_save(organisation=self.organisation, headers=self.record.headers,
                                         columns=form.columns(), source_name=form.cleaned_data["source_name"],
                                         actor=self.request.user)
        except BusinessRuleViolation as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if not self.record.stored_file or not services.stored_path(self.record).is_file():
            messages.success(self.request, "Columns saved. Import the file again to use them.")
            return redirect("spend:import_new", self.organisation.slug)
        again = services.spend_import_queue(organisation=self.organisation, stored_file=self.record.stored_file,
                                            file_name=self.record.file_name, actor=self.request.user)
        services.spend_import_start(record=again)
        messages.success(self.request, "Columns saved. The file is being imported again with them.")
        return redirect("spend:import_detail", self.organisation.slug, again.pk)


class PayeeReviewListView(_OrganisationRegister):
    permission = "payee.resolve"
    model = PayeeReview
    table_class = PayeeReviewTable
    filterset_class = PayeeReviewFilter
    title = "Payees to review"
    intro = ("Payee names the imports could not match to a supplier with confidence. Link each to a supplier, "
             "or create a new one: its lines are linked, and later imports link the name by themselves.")
    export_name = "payees-to-review"

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if "status" not in self.request.GET:
            data = kwargs["data"].copy() if kwargs["data"] else QueryDict(mutable=True)
            data["status"] = PayeeReviewStatus.OPEN
            kwargs["data"] = data
        return kwargs

    def get_queryset(self):
        return selectors.payee_review_list(organisation=self.organisation)


class PayeeReviewDetailView(OrganisationPermissionMixin, View):
    permission = "payee.resolve"
    template_name = "spend/payee_review_detail.html"

    def get(self, request, org, pk):
        review = self._review(pk)
        return self._render(review, PayeeDecisionForm(initial={"new_supplier_name": review.payee_name}))

    def post(self, request, org, pk):
        review = self._review(pk)
        form = PayeeDecisionForm(request.POST)
        if form.is_valid() and self._decide(review, form):
            messages.success(request, f"{review.payee_name} decided: its lines are now linked to the supplier")
            return redirect("spend:payee_review_list", org)
        return self._render(review, form)

    def _decide(self, review: PayeeReview, form: PayeeDecisionForm) -> bool:
        supplier = None
        if form.supplier_id is not None:
            supplier = supplier_get(organisation=self.organisation, supplier_id=form.supplier_id)
            if supplier is None:
                form.add_error("choice", "Choose one of this organisation's suppliers")
                return False
        new_name = "" if supplier is not None else form.cleaned_data["new_supplier_name"]
        try:
            services.payee_review_decide(review=review, actor=self.request.user, supplier=supplier,
                                         new_supplier_name=new_name)
        except BusinessRuleViolation as error:
            form.add_error(None, error.message)
            return False
        return True

    def _review(self, pk: int) -> PayeeReview:
        review = selectors.payee_review_get(organisation=self.organisation, review_id=pk)
        if review is None:
            raise Http404("No such payee review")
        return review

    def _render(self, review: PayeeReview, form: PayeeDecisionForm) -> HttpResponse:
        query = self.request.GET.get("q", "").strip()
        found = list(supplier_list(organisation=self.organisation).filter(name__icontains=query)
                     .order_by("name")[:20]) if query else []
        return render(self.request, self.template_name, {
            "organisation": self.organisation, "review": review, "form": form, "query": query, "found": found,
            "lines": selectors.payee_review_lines(review=review), "is_open": review.status == PayeeReviewStatus.OPEN,
        })
