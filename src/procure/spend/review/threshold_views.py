"""Pages of the contract procedure thresholds: list, add, change, end, install the defaults."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View

from procure.core.errors import BusinessRuleViolation
from procure.organisations.mixins import OrganisationPermissionMixin
from procure.spend.models import ProcedureThreshold
from procure.spend.review import rules, selectors, services
from procure.spend.review.filters import ProcedureThresholdFilter
from procure.spend.review.forms import ThresholdEndForm, ThresholdForm, ThresholdInstallForm
from procure.spend.review.tables import ProcedureThresholdTable
from procure.spend.review.views import READ, WRITE, _OrganisationRegister


class ProcedureThresholdListView(_OrganisationRegister):
    permission = READ
    model = ProcedureThreshold
    table_class = ProcedureThresholdTable
    filterset_class = ProcedureThresholdFilter
    template_name = "spend/review/threshold_list.html"
    title = "Contract procedure thresholds"
    intro = ("The organisation's contract procedure rules as data: from each value (net of VAT), what "
             "the rules require. Thresholds sharing a start date make one set of rules; the latest set "
             "starting on or before a date is the one in force that day. The review threshold is the lowest "
             f"threshold above a single quotation, unless one is named '{rules.REVIEW_THRESHOLD_NAME}'.")
    export_name = "procedure-thresholds"

    def get_queryset(self):
        return selectors.procedure_threshold_list(organisation=self.organisation)

    def table_exclude(self):
        return () if self.can(WRITE) else ("change",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(can_change=self.can(WRITE),
                       has_thresholds=ProcedureThreshold.objects.filter(organisation=self.organisation).exists())
        return context


class _ThresholdMixin(OrganisationPermissionMixin):
    permission = WRITE

    def get_threshold(self) -> ProcedureThreshold:
        threshold = selectors.procedure_threshold_get(organisation=self.organisation,
                                                      threshold_id=self.kwargs["pk"])
        if threshold is None:
            raise Http404("No such threshold")
        return threshold

    def render_form(self, template: str, form, **context):
        return render(self.request, f"spend/review/{template}",
                      {"organisation": self.organisation, "form": form, **context})


class ProcedureThresholdAddView(_ThresholdMixin, View):
    def get(self, request, org):
        return self.render_form("threshold_form.html", ThresholdForm(), title="Add a threshold")

    def post(self, request, org):
        form = ThresholdForm(request.POST)
        if form.is_valid():
            try:
                row = services.procedure_threshold_add(organisation=self.organisation, actor=request.user,
                                                       **form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, f"{row.name} added to the rules from {row.effective_from:%d/%m/%Y}")
                return redirect("spend:threshold_list", org)
        return self.render_form("threshold_form.html", form, title="Add a threshold")


class ProcedureThresholdEditView(_ThresholdMixin, View):
    title = "Change a threshold"

    def get(self, request, org, pk):
        row = self.get_threshold()
        initial = {"name": row.name, "from_value": f"{row.from_value:.2f}", "route": row.route,
                   "effective_from": row.effective_from}
        return self.render_form("threshold_form.html", ThresholdForm(initial=initial), title=self.title,
                                threshold=row)

    def post(self, request, org, pk):
        row = self.get_threshold()
        form = ThresholdForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.procedure_threshold_change(threshold=row, actor=request.user,
                                                    applies_from=data.pop("effective_from"), **data)
            except BusinessRuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, f"{data['name']} changed")
                return redirect("spend:threshold_list", org)
        return self.render_form("threshold_form.html", form, title=self.title, threshold=row)


class ProcedureThresholdEndView(_ThresholdMixin, View):
    def get(self, request, org, pk):
        return self.render_form("threshold_end.html", ThresholdEndForm(), threshold=self.get_threshold())

    def post(self, request, org, pk):
        row = self.get_threshold()
        form = ThresholdEndForm(request.POST)
        if form.is_valid():
            try:
                services.procedure_threshold_end(threshold=row, actor=request.user, **form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, f"{row.name} ends: it no longer applies from "
                                          f"{form.cleaned_data['ends_from']:%d/%m/%Y}")
                return redirect("spend:threshold_list", org)
        return self.render_form("threshold_end.html", form, threshold=row)


class ProcedureThresholdInstallView(_ThresholdMixin, View):
    def get(self, request, org):
        return self.render_form("threshold_install.html", ThresholdInstallForm(),
                                ladders=_default_ladders_shown())

    def post(self, request, org):
        form = ThresholdInstallForm(request.POST)
        if not form.is_valid():
            return self.render_form("threshold_install.html", form, ladders=_default_ladders_shown())
        rows = services.procedure_thresholds_install_defaults(
            organisation=self.organisation, effective_from=form.cleaned_data["effective_from"],
            actor=request.user)
        if rows:
            messages.success(request, f"{len(rows)} default thresholds installed")
        else:
            messages.info(request, "The organisation already has thresholds: nothing was installed")
        return redirect("spend:threshold_list", org)


def _default_ladders_shown() -> tuple[tuple[rules.Rung, ...], rules.Rung]:
    return rules.DEFAULT_LADDER, rules.procurement_act_rung()
