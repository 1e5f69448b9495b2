"""Pages of the review programme: the items, the lines behind one, a person's decision, running the review."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View

from procure.core.audit import audit_history
from procure.core.errors import BusinessRuleViolation
from procure.core.money import format_money
from procure.core.registers import RegisterListView
from procure.organisations.mixins import OrganisationPermissionMixin
from procure.spend.filters import SpendLineFilter
from procure.spend.models import ReviewItem, SpendLine
from procure.spend.review import rules, selectors, services
from procure.spend.review.filters import ReviewItemFilter
from procure.spend.review.forms import ReviewItemForm, ReviewRunForm
from procure.spend.review.tables import ReviewItemTable, ReviewLineTable

READ = "spend.view"
WRITE = "contract.change"


class _OrganisationRegister(OrganisationPermissionMixin, RegisterListView):
    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "organisation_slug": self.organisation.slug}


class ReviewItemListView(_OrganisationRegister):
    permission = READ
    model = ReviewItem
    table_class = ReviewItemTable
    filterset_class = ReviewItemFilter
    template_name = "spend/review/list.html"
    title = "Review programme"
    export_name = "review-items"

    def get_queryset(self):
        return selectors.review_item_list(organisation=self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        progress = selectors.review_progress(organisation=self.organisation)
        context.update(can_change=self.can(WRITE), progress=progress, intro=(
            "Off-contract spend to act on, found by the review rules over the 12 months to the date of "
            "the run: a supplier and category over the review threshold, payments after a contract ended, "
            "several small suppliers in one category together over it, and runs of payments just under a "
            f"procedure threshold ({rules.SPLIT_RUN_MIN_PAYMENTS} or more to one supplier within "
            f"{rules.SPLIT_RUN_DAYS} days, each no more than {rules.SPLIT_MARGIN:.0%} under it). "
            f"{progress.open} open, "
            f"{progress.in_progress} in progress, {progress.done} done; "
            f"{format_money(progress.amount_open)} of spend still to act on."))
        return context


class _ItemMixin(OrganisationPermissionMixin):
    def get_item(self) -> ReviewItem:
        item = selectors.review_item_get(organisation=self.organisation, item_id=self.kwargs["pk"])
        if item is None:
            raise Http404("No such review item")
        return item


class ReviewItemDetailView(_ItemMixin, RegisterListView):
    """The item, and the lines behind it with their reasons, filtered and exported like the spend register."""

    permission = READ
    model = SpendLine
    table_class = ReviewLineTable
    filterset_class = SpendLineFilter
    template_name = "spend/review/detail.html"
    export_name = "review-item-lines"
    table_caption = "The spend lines behind this item"

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "organisation_slug": self.organisation.slug}

    def get_queryset(self):
        self.item = self.get_item()
        return selectors.review_item_lines(item=self.item)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(item=self.item, title=self.item.summary, can_change=self.can(WRITE),
                       history=audit_history(self.item)[:20])
        return context


class ReviewItemEditView(_ItemMixin, View):
    permission = WRITE
    template_name = "spend/review/edit.html"

    def get(self, request, org, pk):
        item = self.get_item()
        return self._render(item, ReviewItemForm(organisation=self.organisation,
                                                 initial=ReviewItemForm.initial_for(item)))

    def post(self, request, org, pk):
        item = self.get_item()
        form = ReviewItemForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            try:
                services.review_item_update(item=item, actor=request.user, **form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, "Review item saved")
                return redirect("spend:review_detail", org, pk)
        return self._render(item, form)

    def _render(self, item, form):
        return render(self.request, self.template_name,
                      {"organisation": self.organisation, "item": item, "form": form})


class ReviewRunView(OrganisationPermissionMixin, View):
    """Run the review: as at a chosen date, or (the list page's button) the latest payment imported."""

    permission = WRITE
    template_name = "spend/review/run.html"

    def get(self, request, org):
        return self._render(ReviewRunForm())

    def post(self, request, org):
        form = ReviewRunForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        as_at = form.cleaned_data["as_at"] or selectors.latest_payment_date(organisation=self.organisation)
        if as_at is None:
            form.add_error(None, "There is no spend to review yet: import a spend file first")
            return self._render(form)
        try:
            result = services.review_items_generate(organisation=self.organisation, as_at=as_at,
                                                    actor=request.user)
        except BusinessRuleViolation as violation:
            form.add_error(None, violation.message)
            return self._render(form)
        messages.success(request, f"Review run for the 12 months to {as_at:%d/%m/%Y}: {result.created} new "
                                  f"item{'s' if result.created != 1 else ''}, {result.updated} updated, "
                                  f"{result.closed} closed with no action needed")
        return redirect("spend:review_list", org)

    def _render(self, form):
        return render(self.request, self.template_name, {"organisation": self.organisation, "form": form,
                                                         "latest": selectors.latest_payment_date(
                                                             organisation=self.organisation)})
