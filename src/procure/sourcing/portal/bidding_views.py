"""The supplier's side of a tender: asking a question, bidding, the receipt, withdrawing, outcome letters.
A supplier user sees only their own supplier's bids and letters."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from procure.core.errors import BusinessRuleViolation
from procure.organisations.mixins import OrganisationPermissionMixin
from procure.social_value.selectors import measure_list
from procure.sourcing import bidding
from procure.sourcing.choices import BidStatus, TenderStatus
from procure.sourcing.models import Bid, OutcomeLetter, Tender
from procure.sourcing.portal.bid_forms import BidForm, QuestionForm
from procure.suppliers.models import Supplier


class SupplierMixin(OrganisationPermissionMixin):
    permission = "bid.submit"

    def get_login_url(self):
        try:
            return reverse("portal:sign_in", args=[self.kwargs["org"]])
        except NoReverseMatch:
            return super().get_login_url()

    def get_supplier(self) -> Supplier:
        supplier = Supplier.objects.filter(organisation=self.organisation, users__user=self.request.user).first()
        if supplier is None:
            raise PermissionDenied("Your account is not linked to a supplier")
        return supplier

    def get_open_tender(self) -> Tender:
        tender = Tender.objects.filter(organisation=self.organisation, pk=self.kwargs["pk"]).exclude(
            status__in=(TenderStatus.DRAFT, TenderStatus.CANCELLED)).first()
        if tender is None:
            raise Http404("No such opportunity")
        return tender

    def opportunity_url(self, tender: Tender) -> str:
        try:
            return reverse("portal:opportunity_detail", args=[self.organisation.slug, tender.pk])
        except NoReverseMatch:
            return reverse("bidding:my_bids", args=[self.organisation.slug])


class AskView(SupplierMixin, View):
    template_name = "sourcing/portal/ask.html"

    def render_form(self, tender, form):
        return render(self.request, self.template_name, {"organisation": self.organisation, "tender": tender,
                                                         "form": form, "back_url": self.opportunity_url(tender)})

    def get(self, request, org, pk):
        return self.render_form(self.get_open_tender(), QuestionForm())

    def post(self, request, org, pk):
        tender, form = self.get_open_tender(), QuestionForm(request.POST)
        if form.is_valid():
            try:
                bidding.clarification_ask(tender=tender, supplier=self.get_supplier(), actor=request.user,
                                          question=form.cleaned_data["question"], now=timezone.now())
            except BusinessRuleViolation as violation:
                form.add_error(None, violation.message)
            else:
                messages.success(request, "Question sent. The answer will be published to every bidder.")
                return redirect(self.opportunity_url(tender))
        return self.render_form(tender, form)


class BidView(SupplierMixin, View):
    """Submit a bid, or replace the live one (the form starts from nothing: earlier answers stay sealed)."""

    template_name = "sourcing/portal/bid_form.html"

    def form(self, tender, data=None, files=None):
        return BidForm(data, files, tender=tender, measures=list(measure_list(organisation=self.organisation)))

    def render_form(self, tender, form):
        supplier = self.get_supplier()
        live = Bid.objects.filter(tender=tender, supplier=supplier, status=BidStatus.SUBMITTED).first()
        return render(self.request, self.template_name, {
            "organisation": self.organisation, "tender": tender, "form": form, "sections": form.sections(),
            "live": live, "back_url": self.opportunity_url(tender), "supplier": supplier})

    def get(self, request, org, pk):
        tender = self.get_open_tender()
        return self.render_form(tender, self.form(tender))

    def post(self, request, org, pk):
        tender = self.get_open_tender()
        form = self.form(tender, request.POST, request.FILES)
        if form.is_valid():
            offer = form.offer()
        if form.is_valid():
            answers = form.answers()
            uploads = [bidding.Upload(upload.name, upload.read()) for upload in
                       (form.cleaned_data.get("document_1"), form.cleaned_data.get("document_2")) if upload]
            try:
                content = bidding.bid_content(tender=tender, lot=answers["lot"], selection=answers["selection"],
                                              quality=answers["quality"], prices=answers["prices"],
                                              social_value_offer=offer)
                bid = bidding.bid_submit(tender=tender, supplier=self.get_supplier(), actor=request.user,
                                         content=content, lot=answers["lot"], documents=uploads, now=timezone.now())
            except BusinessRuleViolation as violation:
                form.add_error(None, violation.message)
            else:
                messages.success(request, f"Bid received: receipt {bid.receipt_number}")
                return redirect(reverse("bidding:receipt", args=[org, bid.pk]))
        return self.render_form(tender, form)


class MyBidsView(SupplierMixin, TemplateView):
    template_name = "sourcing/portal/my_bids.html"

    def get_context_data(self, **kwargs):
        supplier = self.get_supplier()
        bids = Bid.objects.filter(supplier=supplier).select_related("tender", "lot").order_by("-submitted_at")
        letters = OutcomeLetter.objects.filter(bid__supplier=supplier).select_related("bid__tender")
        return {**super().get_context_data(**kwargs), "supplier": supplier, "bids": bids, "letters": letters,
                "now": timezone.now()}


class ReceiptView(SupplierMixin, TemplateView):
    template_name = "sourcing/portal/receipt.html"

    def get_context_data(self, **kwargs):
        bid = (Bid.objects.filter(pk=self.kwargs["bid_id"], supplier=self.get_supplier())
               .select_related("tender", "lot").first())
        if bid is None:
            raise Http404("No such bid")
        return {**super().get_context_data(**kwargs), "bid": bid, "tender": bid.tender,
                "documents": list(bid.documents.all()),
                "can_withdraw": bid.status == BidStatus.SUBMITTED and bid.tender.status == TenderStatus.PUBLISHED
                and timezone.now() < bid.tender.submission_deadline}

    def post(self, request, org, bid_id):
        bid = Bid.objects.filter(pk=bid_id, supplier=self.get_supplier()).first()
        if bid is None:
            raise Http404("No such bid")
        try:
            bidding.bid_withdraw(bid=bid, actor=request.user, now=timezone.now())
        except BusinessRuleViolation as violation:
            messages.error(request, violation.message)
        else:
            messages.success(request, "Your bid is withdrawn. You can bid again until the deadline.")
        return redirect(request.path)


class LetterView(SupplierMixin, TemplateView):
    template_name = "sourcing/portal/letter.html"

    def get_context_data(self, **kwargs):
        letter = (OutcomeLetter.objects.filter(pk=self.kwargs["letter_id"], bid__supplier=self.get_supplier())
                  .select_related("bid__tender").first())
        if letter is None:
            raise Http404("No such letter")
        return {**super().get_context_data(**kwargs), "letter": letter}
