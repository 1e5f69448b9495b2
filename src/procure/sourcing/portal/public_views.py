"""The public supplier portal: open opportunities (pages and an Atom feed), their documents and published
clarifications, registration with email confirmation, and the suppliers' own sign-in."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlsafe_base64_decode
from django.views import View

from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import Organisation, User
from procure.organisations.selectors import organisation_get, user_has_permission
from procure.sourcing import selectors
from procure.sourcing.choices import TenderStatus
from procure.sourcing.models import Bid, Tender, TenderDocument
from procure.sourcing.portal import accounts
from procure.sourcing.portal.forms import RegistrationForm, SupplierSignInForm


def _organisation(slug: str) -> Organisation:
    organisation = organisation_get(slug=slug)
    if organisation is None:
        raise Http404("No such organisation")
    return organisation


def _visible_tender(organisation: Organisation, pk: int) -> Tender:
    tender = selectors.public_tender_get(organisation=organisation, tender_id=pk)
    if tender is None:
        raise Http404("No such opportunity")
    return tender


class OpportunityListView(View):
    def get(self, request, org):
        organisation = _organisation(org)
        search = request.GET.get("q", "")
        tenders = selectors.open_opportunities(organisation=organisation, now=timezone.now(), search=search)
        page = Paginator(tenders, 20).get_page(request.GET.get("page"))
        return render(request, "sourcing/portal/opportunity_list.html", {
            "organisation": organisation, "page": page, "search": search, "portal": True})


class OpportunityDetailView(View):
    def get(self, request, org, pk):
        organisation = _organisation(org)
        tender = _visible_tender(organisation, pk)
        is_open = tender.status == TenderStatus.PUBLISHED and timezone.now() < tender.submission_deadline
        is_supplier = request.user.is_authenticated and user_has_permission(request.user, organisation, "bid.submit")
        live_bid = None
        if is_supplier:
            live_bid = Bid.objects.filter(tender=tender, supplier__users__user=request.user,
                                          status="submitted").first()
        return render(request, "sourcing/portal/opportunity_detail.html", {
            "organisation": organisation, "tender": tender, "is_open": is_open, "is_supplier": is_supplier,
            "live_bid": live_bid, "lots": tender.lots.all(), "documents": tender.documents.select_related("lot"),
            "clarifications": tender.clarifications.exclude(answer=""), "portal": True,
            "can_ask": is_open and tender.clarification_deadline and timezone.now() < tender.clarification_deadline})


class DocumentView(View):
    def get(self, request, org, pk, document_id):
        tender = _visible_tender(_organisation(org), pk)
        document = TenderDocument.objects.filter(tender=tender, pk=document_id).first()
        if document is None:
            raise Http404("No such document")
        return FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=document.file.name.rsplit("/", 1)[-1])


class OpportunityFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, org):
        return _organisation(org)

    def title(self, organisation):
        return f"{organisation.name}: open opportunities"

    def subtitle(self, organisation):
        return f"Tenders {organisation.name} is running now, with their deadlines"

    def link(self, organisation):
        return reverse("portal:opportunity_list", args=[organisation.slug])

    def items(self, organisation):
        return selectors.open_opportunities(organisation=organisation, now=timezone.now())

    def item_title(self, tender):
        return f"{tender.reference} {tender.title}"

    def item_description(self, tender):
        deadline = timezone.localtime(tender.submission_deadline)
        value = f" Estimated value £{tender.estimated_value_gross:,.2f} including VAT." if \
            tender.estimated_value_gross else ""
        return f"{tender.description} Deadline {deadline:%H:%M on %d %B %Y}.{value}".strip()

    def item_link(self, tender):
        return reverse("portal:opportunity_detail", args=[tender.organisation.slug, tender.pk])

    def item_pubdate(self, tender):
        return tender.published_at

    def item_updateddate(self, tender):
        return tender.updated_at


class RegisterView(View):
    template_name = "sourcing/portal/register.html"

    def get(self, request, org):
        organisation = _organisation(org)
        return render(request, self.template_name, {"organisation": organisation, "form": RegistrationForm(),
                                                    "portal": True})

    def post(self, request, org):
        organisation = _organisation(org)
        form = RegistrationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                accounts.supplier_register(
                    organisation=organisation, company_name=data["company_name"],
                    companies_house_number=data["companies_house_number"], first_name=data["first_name"],
                    last_name=data["last_name"], email=data["email"], username=data["username"],
                    password=data["password"],
                    confirm_url=lambda uid, token: request.build_absolute_uri(
                        reverse("portal:confirm", args=[org, uid, token])))
            except BusinessRuleViolation as violation:
                form.add_error(None, violation.message)
            else:
                return render(request, "sourcing/portal/register_done.html",
                              {"organisation": organisation, "email": data["email"], "portal": True})
        return render(request, self.template_name, {"organisation": organisation, "form": form, "portal": True})


class ConfirmView(View):
    def get(self, request, org, uidb64, token):
        organisation = _organisation(org)
        try:
            user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
        except (ValueError, TypeError, OverflowError, User.DoesNotExist):
            user = None
        confirmed = user is not None and accounts.supplier_confirm(user=user, token=token)
        return render(request, "sourcing/portal/confirm.html", {"organisation": organisation,
                                                                "confirmed": confirmed, "portal": True},
                      status=200 if confirmed else 400)


class SupplierSignInView(auth_views.LoginView):
    template_name = "sourcing/portal/sign_in.html"
    authentication_form = SupplierSignInForm

    def dispatch(self, request, *args, **kwargs):
        self.organisation = _organisation(kwargs["org"])
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        if not user_has_permission(user, self.organisation, "bid.submit"):
            form.add_error(None, f"This is the sign-in for {self.organisation.name}'s suppliers. Staff sign in "
                                 "on the main sign-in page.")
            return self.form_invalid(form)
        messages.success(self.request, f"Signed in as {user.get_full_name() or user.username}")
        return super().form_valid(form)

    def get_default_redirect_url(self):
        return reverse("portal:opportunity_list", args=[self.organisation.slug])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "organisation": self.organisation, "portal": True}


def home(request, org):
    return redirect("portal:opportunity_list", org=org)
