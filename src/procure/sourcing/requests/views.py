"""Pages of procurement requests: the register, raising and submitting a need, its page with what already
exists and its timeline, meeting it from a contract, and the contract procedure rules."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from procure.core.errors import BusinessRuleViolation
from procure.core.registers import RegisterListView
from procure.governance import selectors as board_selectors
from procure.organisations.mixins import OrganisationPermissionMixin
from procure.sourcing.choices import RequestStatus, SuggestedRoute
from procure.sourcing.models import ProcurementRequest, RouteBand
from procure.sourcing.requests import rules, selectors, services
from procure.sourcing.requests.filters import RequestFilter
from procure.sourcing.requests.forms import MeetFromContractForm, RequestForm, RouteBandForm, WithdrawForm
from procure.sourcing.requests.tables import RequestTable

READ, RAISE, TRIAGE = "request.view", "request.raise", "request.triage"


class RequestListView(OrganisationPermissionMixin, RegisterListView):
    permission = READ
    model = ProcurementRequest
    table_class = RequestTable
    filterset_class = RequestFilter
    template_name = "sourcing/requests/request_list.html"
    title = "Procurement requests"
    intro = ("Needs raised by departments: each is met from an existing contract where one fits, and goes by "
             "the route our contract procedure rules suggest, with the board's approval above its threshold.")
    export_name = "procurement-requests"

    def get_queryset(self):
        return selectors.request_list(organisation=self.organisation)

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "organisation_slug": self.organisation.slug}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_raise": self.can(RAISE)}


class RequestMixin(OrganisationPermissionMixin):
    def get_request(self) -> ProcurementRequest:
        need = selectors.request_get(organisation=self.organisation, request_id=self.kwargs["pk"])
        if need is None:
            raise Http404("No such procurement request")
        return need

    def may_change(self, need: ProcurementRequest) -> bool:
        """The person who raised a need, or procurement, may change, submit or withdraw it."""
        return need.raised_by_id == self.request.user.pk or self.can(TRIAGE)

    def get_own_request(self) -> ProcurementRequest:
        need = self.get_request()
        if not self.may_change(need):
            raise PermissionDenied("Only the person who raised this need, or procurement, can change it")
        return need

    def detail_url(self, need: ProcurementRequest) -> str:
        return reverse("procurement_requests:request_detail", args=[self.organisation.slug, need.pk])


def _render_form(view, form, *, title: str, button: str, back_url: str, need=None, status: int = 200):
    return render(view.request, "sourcing/requests/form.html", {
        "form": form, "title": title, "button": button, "back_url": back_url, "need": need,
        "organisation": view.organisation}, status=status)


class RequestCreateView(OrganisationPermissionMixin, View):
    permission = RAISE
    title = "Raise a need"

    def back_url(self) -> str:
        return reverse("procurement_requests:request_list", args=[self.organisation.slug])

    def get(self, request, org):
        return _render_form(self, RequestForm(organisation=self.organisation), title=self.title,
                            button="Save as draft", back_url=self.back_url())

    def post(self, request, org):
        form = RequestForm(request.POST, organisation=self.organisation)
        if not form.is_valid():
            return _render_form(self, form, title=self.title, button="Save as draft", back_url=self.back_url())
        need = services.procurement_request_create(organisation=self.organisation, actor=request.user,
                                                   **form.cleaned_data)
        messages.success(request, f"Draft {need.reference} saved: check what we already have, then submit it")
        return redirect("procurement_requests:request_detail", self.organisation.slug, need.pk)


class RequestEditView(RequestMixin, View):
    permission = RAISE
    title = "Change the need"

    def get(self, request, org, pk):
        need = self.get_own_request()
        form = RequestForm(organisation=self.organisation, initial={name: getattr(need, name)
                                                                    for name in RequestForm.FIELDS})
        return _render_form(self, form, title=self.title, button="Save", back_url=self.detail_url(need), need=need)

    def post(self, request, org, pk):
        need = self.get_own_request()
        form = RequestForm(request.POST, organisation=self.organisation,
                           initial={name: getattr(need, name) for name in RequestForm.FIELDS})
        if form.is_valid():
            try:
                services.procurement_request_update(request=need, actor=request.user, **form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_error(None, violation.message)
            else:
                messages.success(request, "Need saved")
                return redirect(self.detail_url(need))
        return _render_form(self, form, title=self.title, button="Save", back_url=self.detail_url(need), need=need)


class RequestDetailView(RequestMixin, TemplateView):
    permission = READ
    template_name = "sourcing/requests/request_detail.html"

    def get_context_data(self, **kwargs):
        need = self.get_request()
        today = timezone.localdate()
        existing = selectors.existing_arrangements(organisation=self.organisation, category=need.category, day=today)
        is_draft = need.status == RequestStatus.DRAFT
        can_triage = self.can(TRIAGE) and need.status in rules.OPEN_STATUSES
        preview = selectors.route_suggestion(request=need, day=today) if is_draft else None
        return {**super().get_context_data(**kwargs), "need": need, "existing": existing, "is_draft": is_draft,
                "preview": preview, "preview_route": SuggestedRoute(preview.route).label if preview else "",
                "board_threshold": board_selectors.board_threshold_on(organisation=self.organisation, day=today),
                "may_change": self.may_change(need) and self.can(RAISE),
                "may_withdraw": self.may_change(need) and self.can(RAISE)
                and need.status in (RequestStatus.DRAFT, *rules.OPEN_STATUSES),
                "can_triage": can_triage,
                "meet_form": MeetFromContractForm(organisation=self.organisation) if can_triage else None,
                "can_tender": self.can("tender.manage") and need.status == RequestStatus.APPROVED,
                "timeline": selectors.request_timeline(request=need)}


class RequestSubmitView(RequestMixin, View):
    permission = RAISE

    def post(self, request, org, pk):
        need = self.get_own_request()
        try:
            need = services.procurement_request_submit(request=need, actor=request.user, now=timezone.now())
        except BusinessRuleViolation as violation:
            messages.error(request, violation.message)
        else:
            if need.status == RequestStatus.AWAITING_BOARD:
                messages.success(request, f"{need.reference} submitted: it is above the board threshold, so it "
                                          "waits for the Strategic Procurement Board's approval")
            else:
                messages.success(request, f"{need.reference} submitted and approved: it goes by the suggested "
                                          "route")
        return redirect(self.detail_url(need))


class RequestMeetView(RequestMixin, View):
    permission = TRIAGE

    def post(self, request, org, pk):
        need = self.get_request()
        form = MeetFromContractForm(request.POST, organisation=self.organisation)
        if not form.is_valid():
            messages.error(request, form.errors["contract"][0])
            return redirect(self.detail_url(need))
        try:
            services.procurement_request_meet_from_contract(request=need, contract=form.cleaned_data["contract"],
                                                            actor=request.user, today=date.today())
        except BusinessRuleViolation as violation:
            messages.error(request, violation.message)
        else:
            messages.success(request, f"{need.reference} is met from {form.cleaned_data['contract']}: nothing new "
                                      "is bought")
        return redirect(self.detail_url(need))


class RequestWithdrawView(RequestMixin, View):
    permission = RAISE
    title = "Withdraw the need"

    def get(self, request, org, pk):
        need = self.get_own_request()
        return _render_form(self, WithdrawForm(), title=self.title, button="Withdraw need",
                            back_url=self.detail_url(need), need=need)

    def post(self, request, org, pk):
        need = self.get_own_request()
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.procurement_request_withdraw(request=need, actor=request.user,
                                                      reason=form.cleaned_data["reason"])
            except BusinessRuleViolation as violation:
                form.add_error(None, violation.message)
            else:
                messages.success(request, f"{need.reference} withdrawn")
                return redirect(self.detail_url(need))
        return _render_form(self, form, title=self.title, button="Withdraw need", back_url=self.detail_url(need),
                            need=need)


class RouteBandsView(OrganisationPermissionMixin, View):
    """The contract procedure rules: everyone who sees needs reads them; procurement changes them."""

    permission = READ

    def context(self, form=None) -> dict:
        return {"organisation": self.organisation, "can_change": self.can(TRIAGE), "form": form or RouteBandForm(),
                "bands": selectors.route_band_list(organisation=self.organisation),
                "suggested": selectors.route_band_specs(organisation=self.organisation),
                "thresholds": selectors.threshold_specs()}

    def get(self, request, org):
        return render(request, "sourcing/requests/route_bands.html", self.context())

    def post(self, request, org):
        if not self.can(TRIAGE):
            raise PermissionDenied("Only procurement can change the contract procedure rules")
        form = RouteBandForm(request.POST)
        if form.is_valid():
            try:
                services.route_band_add(organisation=self.organisation, actor=request.user, **form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, "Band added")
                return redirect("procurement_requests:route_bands", self.organisation.slug)
        return render(request, "sourcing/requests/route_bands.html", self.context(form))


class RouteBandRemoveView(OrganisationPermissionMixin, View):
    permission = TRIAGE

    def post(self, request, org, band_id):
        band = RouteBand.objects.filter(organisation=self.organisation, pk=band_id).first()
        if band is None:
            raise Http404("No such band")
        services.route_band_remove(band=band, actor=request.user)
        messages.success(request, f"Band removed: {band}")
        return redirect("procurement_requests:route_bands", self.organisation.slug)
