"""The tender set-up pages: a draft tender's details, lots, documents, timetable, questionnaire and evaluation
model, the readiness check, and publication."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from procure.core.audit import audit_history
from procure.core.errors import BusinessRuleViolation
from procure.core.registers import RegisterListView
from procure.organisations.mixins import OrganisationPermissionMixin
from procure.sourcing import selectors, services
from procure.sourcing.choices import TenderStatus
from procure.sourcing.filters import TenderFilter
from procure.sourcing.forms import (
    CancelForm,
    CriterionForm,
    EvaluationModelForm,
    LotForm,
    PriceItemForm,
    SelectionQuestionForm,
    TenderDetailsForm,
    TenderDocumentForm,
    TimetableForm,
)
from procure.sourcing.models import (
    Criterion,
    Lot,
    PriceItem,
    ProcurementRequest,
    SelectionQuestion,
    Tender,
    TenderDocument,
)
from procure.sourcing.tables import TenderTable

READ = "tender.view"
WRITE = "tender.manage"


class TenderListView(OrganisationPermissionMixin, RegisterListView):
    permission = READ
    model = Tender
    table_class = TenderTable
    filterset_class = TenderFilter
    template_name = "sourcing/tender_list.html"
    title = "Tenders"
    intro = "Every competition: set up as a draft, checked, published, opened, evaluated and awarded."
    export_name = "tenders"

    def get_queryset(self):
        return selectors.tender_list(organisation=self.organisation)

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "organisation_slug": self.organisation.slug}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_change": self.can(WRITE)}


class TenderMixin(OrganisationPermissionMixin):
    """Finds the tender in the address among the organisation's; 404 for any other."""

    def get_tender(self) -> Tender:
        tender = selectors.tender_get(organisation=self.organisation, tender_id=self.kwargs["pk"])
        if tender is None:
            raise Http404("No such tender")
        return tender


class TenderDetailView(TenderMixin, TemplateView):
    permission = READ
    template_name = "sourcing/tender_detail.html"

    def get_context_data(self, **kwargs):
        tender = self.get_tender()
        is_draft = tender.status == TenderStatus.DRAFT
        return {**super().get_context_data(**kwargs), "tender": tender, "is_draft": is_draft,
                "can_change": self.can(WRITE) and is_draft, "can_manage": self.can(WRITE),
                "lots": tender.lots.all(), "documents": tender.documents.select_related("lot"),
                "selection_questions": tender.selection_questions.all(),
                "criteria": selectors.tender_criteria_tree(tender=tender),
                "price_items": tender.price_items.select_related("lot"),
                "problems": selectors.tender_readiness(tender=tender, now=timezone.now()) if is_draft else [],
                "history": audit_history(tender)[:20]}


class _FormView(TenderMixin, View):
    """A form that changes one part of a draft tender, then returns to the tender."""

    permission = WRITE
    template_name = "sourcing/tender_form.html"
    title = ""
    button = "Save"
    form_class: type = TenderDetailsForm
    section = ""

    def form_kwargs(self) -> dict:
        return {}

    def initial(self) -> dict:
        return {}

    def get(self, request, org, **kwargs):
        self.tender = self.get_tender()
        return self.render_form(self.form_class(initial=self.initial(), **self.form_kwargs()))

    def post(self, request, org, **kwargs):
        self.tender = self.get_tender()
        form = self.form_class(request.POST, request.FILES, **self.form_kwargs())
        if form.is_valid():
            try:
                message = self.save(form)
            except BusinessRuleViolation as violation:
                if hasattr(form, "add_violation"):
                    form.add_violation(violation)
                else:
                    form.add_error(None, violation.message)
            else:
                messages.success(request, message)
                return redirect(f"{self.tender_url()}#{self.section}")
        return self.render_form(form)

    def tender_url(self) -> str:
        return reverse("sourcing:tender_detail", args=[self.organisation.slug, self.tender.pk])

    def save(self, form) -> str:
        raise NotImplementedError

    def render_form(self, form):
        return render(self.request, self.template_name, {
            "form": form, "title": self.title, "button": self.button, "organisation": self.organisation,
            "tender": self.tender, "back_url": self.tender_url(),
            "multipart": any(field.widget.needs_multipart_form for field in form.fields.values())})


class TenderCreateView(OrganisationPermissionMixin, View):
    permission = WRITE

    def get(self, request, org):
        return self.render_form(TenderDetailsForm(organisation=self.organisation,
                                                  initial={"route": "own_tender", "contract_type": "services"}))

    def post(self, request, org):
        form = TenderDetailsForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            try:
                tender = services.tender_create(organisation=self.organisation, actor=request.user,
                                                **form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, f"Draft tender {tender.reference} created: now add its lots, documents, "
                                          "timetable, questions and evaluation model")
                return redirect("sourcing:tender_detail", self.organisation.slug, tender.pk)
        return self.render_form(form)

    def render_form(self, form):
        return render(self.request, "sourcing/tender_form.html", {
            "form": form, "title": "Set up a tender", "button": "Create draft tender",
            "organisation": self.organisation,
            "back_url": reverse("sourcing:tender_list", args=[self.organisation.slug])})


class TenderDetailsView(_FormView):
    title, button, section = "Change the tender's details", "Save details", "details"

    def form_kwargs(self):
        return {"organisation": self.organisation, "creating": False}

    def initial(self):
        return TenderDetailsForm.initial_for(self.tender)

    def save(self, form):
        services.tender_update(tender=self.tender, actor=self.request.user, part="details", **form.cleaned_data)
        return "Details saved"


class TimetableView(_FormView):
    title, button, section, form_class = "Timetable", "Save timetable", "timetable", TimetableForm

    def initial(self):
        return TimetableForm.initial_for(self.tender)

    def save(self, form):
        services.tender_update(tender=self.tender, actor=self.request.user, part="timetable", **form.timetable())
        return "Timetable saved"


class EvaluationModelView(_FormView):
    title, button, section, form_class = "Evaluation model", "Save evaluation model", "model", EvaluationModelForm

    def initial(self):
        return EvaluationModelForm.initial_for(self.tender)

    def save(self, form):
        services.tender_update(tender=self.tender, actor=self.request.user, part="model", **form.cleaned_data)
        return "Evaluation model saved"


class _PartAddView(_FormView):
    model: type = Lot

    def form_kwargs(self):
        return {} if self.form_class in (LotForm, SelectionQuestionForm) else {"tender": self.tender}

    def save(self, form):
        services.tender_part_add(tender=self.tender, actor=self.request.user, model=self.model, **form.cleaned_data)
        return f"{self.model._meta.verbose_name.capitalize()} added"


class LotAddView(_PartAddView):
    title, button, section, form_class, model = "Add a lot", "Add lot", "lots", LotForm, Lot


class SelectionQuestionAddView(_PartAddView):
    title, button, section = "Add a selection question", "Add question", "selection"
    form_class, model = SelectionQuestionForm, SelectionQuestion


class CriterionAddView(_PartAddView):
    title, button, section, form_class, model = "Add a quality criterion", "Add criterion", "quality", \
        CriterionForm, Criterion


class PriceItemAddView(_PartAddView):
    title, button, section = "Add an item to the price schedule", "Add item", "prices"
    form_class, model = PriceItemForm, PriceItem


class DocumentAddView(_FormView):
    title, button, section, form_class = "Add a document", "Add document", "documents", TenderDocumentForm

    def form_kwargs(self):
        return {"tender": self.tender}

    def save(self, form):
        data = form.cleaned_data
        document = services.tender_document_add(tender=self.tender, actor=self.request.user, title=data["title"],
                                                upload=data["upload"], lot=data.get("lot"))
        return f"Document '{document.title}' added"


PARTS = {"lot": Lot, "selection": SelectionQuestion, "criterion": Criterion, "price": PriceItem,
         "document": TenderDocument}


class PartRemoveView(TenderMixin, View):
    permission = WRITE

    def get_part(self):
        model = PARTS.get(self.kwargs["kind"])
        part = model.objects.filter(tender=self.get_tender(), pk=self.kwargs["part_id"]).first() if model else None
        if part is None:
            raise Http404("No such part of this tender")
        return part

    def get(self, request, org, pk, kind, part_id):
        part = self.get_part()
        return render(request, "sourcing/part_remove.html", {"part": part, "tender": part.tender,
                                                             "organisation": self.organisation})

    def post(self, request, org, pk, kind, part_id):
        part = self.get_part()
        try:
            services.tender_part_remove(part=part, actor=request.user)
        except BusinessRuleViolation as violation:
            messages.error(request, violation.message)
        else:
            messages.success(request, f"Removed: {part}")
        return redirect("sourcing:tender_detail", self.organisation.slug, pk)


class DocumentDownloadView(TenderMixin, View):
    permission = READ

    def get(self, request, org, pk, document_id):
        document = TenderDocument.objects.filter(tender=self.get_tender(), pk=document_id).first()
        if document is None:
            raise Http404("No such document")
        return FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=document.file.name.rsplit("/", 1)[-1])


class PublishView(TenderMixin, View):
    """Check your answers, then publish."""

    permission = WRITE

    def get(self, request, org, pk):
        tender = self.get_tender()
        return render(request, "sourcing/publish.html", self.context(tender))

    def context(self, tender: Tender, **extra) -> dict:
        return {"tender": tender, "organisation": self.organisation,
                "problems": selectors.tender_readiness(tender=tender, now=timezone.now()),
                "criteria": selectors.tender_criteria_tree(tender=tender), **extra}

    def post(self, request, org, pk):
        tender = self.get_tender()
        try:
            services.tender_publish(tender=tender, actor=request.user, now=timezone.now())
        except BusinessRuleViolation as violation:
            return render(request, "sourcing/publish.html", self.context(tender, refused=violation.message),
                          status=400)
        messages.success(request, f"Tender {tender.reference} published: suppliers can now bid until the deadline")
        return redirect("sourcing:tender_detail", self.organisation.slug, pk)


class CancelView(_FormView):
    title, button, section, form_class = "Cancel the tender", "Cancel tender", "details", CancelForm

    def save(self, form):
        services.tender_cancel(tender=self.tender, actor=self.request.user, reason=form.cleaned_data["reason"])
        return "Tender cancelled"


class TenderFromRequestView(OrganisationPermissionMixin, View):
    """Turn an approved need into a draft tender (a button on the need's page)."""

    permission = WRITE

    def post(self, request, org, request_id):
        need = ProcurementRequest.objects.filter(organisation=self.organisation, pk=request_id).first()
        if need is None:
            raise Http404("No such procurement request")
        try:
            tender = services.tender_create_from_request(request=need, actor=request.user)
        except BusinessRuleViolation as violation:
            messages.error(request, violation.message)
            return redirect(request.META.get("HTTP_REFERER") or reverse("sourcing:tender_list", args=[org]))
        messages.success(request, f"Draft tender {tender.reference} set up from {need.reference}: add its lots, "
                                  "documents, timetable, questions and evaluation model")
        return redirect("sourcing:tender_detail", org, tender.pk)
