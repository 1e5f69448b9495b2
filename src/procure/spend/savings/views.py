"""The savings register pages: thin views that parse, ask a selector or call a service, and render.

Reading needs spend.view; recording and changing savings needs contract.change (procurement officers and
administrators); finance approval needs organisation.manage (administrators), so that the people who record
a saving are not the ones who approve it.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from procure.core.audit import audit_history
from procure.core.dates import FinancialYear
from procure.core.errors import BusinessRuleViolation
from procure.core.registers import RegisterListView
from procure.organisations.mixins import OrganisationPermissionMixin
from procure.spend.models import Saving
from procure.spend.savings import selectors, services
from procure.spend.savings.filters import SavingFilter, chosen_year
from procure.spend.savings.forms import SavingForm, SavingYearForm
from procure.spend.savings.tables import SavingTable

READ = "spend.view"
WRITE = "contract.change"
APPROVE = services.APPROVER_PERMISSION
COUNTING_RULE = ("For each year a saving counts its realised amount where one is recorded, else its "
                 "projected amount.")
MEASURING_RULE = ("A realised saving measured against spend is the baseline minus the year's spend lines "
                  "covered by the saving's contract, net of VAT, credits counting negative.")


class SavingListView(OrganisationPermissionMixin, RegisterListView):
    permission = READ
    model = Saving
    table_class = SavingTable
    filterset_class = SavingFilter
    template_name = "spend/savings/list.html"
    title = "Savings"
    intro = f"Savings from procurement, by type, with their baselines and finance approval. {COUNTING_RULE}"
    export_name = "savings"

    def year(self) -> FinancialYear | None:
        return chosen_year(self.request.GET)

    def get_queryset(self):
        return selectors.saving_list(organisation=self.organisation, year=self.year())

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "organisation_slug": self.organisation.slug,
                "year": self.year()}

    def get_context_data(self, **kwargs):
        year = self.year() or FinancialYear.containing(timezone.localdate())
        return {**super().get_context_data(**kwargs), "can_change": self.can(WRITE), "totals_year": year,
                "totals": selectors.savings_totals(organisations=[self.organisation], year=year),
                "counting_rule": COUNTING_RULE}


class SavingMixin(OrganisationPermissionMixin):
    def get_saving(self) -> Saving:
        saving = selectors.saving_get(organisation=self.organisation, saving_id=self.kwargs["pk"])
        if saving is None:
            raise Http404("No such saving")
        return saving


class SavingDetailView(SavingMixin, TemplateView):
    permission = READ
    template_name = "spend/savings/detail.html"

    def get_context_data(self, **kwargs):
        saving = self.get_saving()
        return {**super().get_context_data(**kwargs), "saving": saving,
                "years": selectors.saving_year_figures(saving=saving, today=timezone.localdate()),
                "can_change": self.can(WRITE), "can_approve": self.can(APPROVE),
                "counting_rule": COUNTING_RULE, "measuring_rule": MEASURING_RULE,
                "history": list(audit_history(saving)[:50]) if self.can("audit.view") else None}


class SavingFormView(SavingMixin, View):
    """Record a saving, or change one: valid answers go to a service; a rule it refuses shows on the form."""

    permission = WRITE
    template_name = "spend/savings/form.html"
    saving: Saving | None = None

    def get(self, request, org, **kwargs):
        self.saving = self.load()
        initial = SavingForm.initial_for(self.saving) if self.saving else {}
        return self.render_form(SavingForm(organisation=self.organisation, initial=initial))

    def post(self, request, org, **kwargs):
        self.saving = self.load()
        form = SavingForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            try:
                saving = self.save(form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, self.success_message)
                return redirect("spend:saving_detail", self.organisation.slug, saving.pk)
        return self.render_form(form)

    def load(self) -> Saving | None:
        return self.get_saving() if "pk" in self.kwargs else None

    def save(self, data: dict) -> Saving:
        if self.saving is None:
            return services.saving_create(organisation=self.organisation, actor=self.request.user, **data)
        return services.saving_update(saving=self.saving, actor=self.request.user, **data)

    @property
    def success_message(self) -> str:
        return "Saving recorded: now add its projected amount for each year" if self.saving is None else (
            "Saving details saved")

    def render_form(self, form):
        title = "Record a saving" if self.saving is None else "Change the saving's details"
        return render(self.request, self.template_name, {
            "form": form, "title": title, "saving": self.saving, "organisation": self.organisation,
            "button": "Record saving" if self.saving is None else "Save changes"})


class SavingYearView(SavingMixin, View):
    """Add a year's projected (and realised) saving, or change one: `?year=2024` opens that year."""

    permission = WRITE
    template_name = "spend/savings/year_form.html"

    def get(self, request, org, pk):
        saving = self.get_saving()
        year = chosen_year({"financial_year": request.GET.get("year", "")})
        row = selectors.saving_year_get(saving=saving, year=year) if year else None
        form = SavingYearForm(initial=SavingYearForm.initial_for(row) if row else {})
        return self.render_form(saving, form)

    def post(self, request, org, pk):
        saving = self.get_saving()
        form = SavingYearForm(request.POST)
        if form.is_valid():
            try:
                row = services.saving_year_set(saving=saving, actor=request.user, **form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, f"Saving for {FinancialYear(row.financial_year).label} saved")
                return redirect("spend:saving_detail", self.organisation.slug, saving.pk)
        return self.render_form(saving, form)

    def render_form(self, saving, form):
        return render(self.request, self.template_name, {
            "form": form, "saving": saving, "organisation": self.organisation,
            "counting_rule": COUNTING_RULE})


class SavingRealiseView(SavingMixin, View):
    """Measure one year's realised saving against the spend lines on the saving's contract."""

    permission = WRITE

    def post(self, request, org, pk, year):
        saving = self.get_saving()
        try:
            row = services.saving_realise_from_spend(saving=saving, actor=request.user,
                                                     financial_year=FinancialYear(year),
                                                     today=timezone.localdate())
        except BusinessRuleViolation as violation:
            messages.error(request, violation.message)
        else:
            messages.success(request, f"Realised saving for {FinancialYear(year).label} measured against "
                                      f"spend: £{row.realised:,.2f}")
        return redirect("spend:saving_detail", self.organisation.slug, saving.pk)


class SavingApproveView(SavingMixin, View):
    """Finance approval: a page that shows what is approved, and a button."""

    permission = APPROVE
    template_name = "spend/savings/approve.html"

    def get(self, request, org, pk):
        return self.render_page(self.get_saving())

    def post(self, request, org, pk):
        saving = self.get_saving()
        try:
            services.saving_approve(saving=saving, actor=request.user, approved_on=timezone.localdate())
        except BusinessRuleViolation as violation:
            return self.render_page(saving, error=violation.message)
        messages.success(request, "Finance approval recorded")
        return redirect("spend:saving_detail", self.organisation.slug, saving.pk)

    def render_page(self, saving, error: str = ""):
        return render(self.request, self.template_name, {
            "saving": saving, "organisation": self.organisation, "error": error,
            "years": selectors.saving_year_figures(saving=saving, today=timezone.localdate())})
