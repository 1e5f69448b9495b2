"""The staff pages after publication: bids received and the opening, opened bids, clarifications, evaluators,
marking, moderation, the evaluation report (page and PDF) and the award."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from procure.core.errors import BusinessRuleViolation
from procure.organisations.mixins import OrganisationPermissionMixin
from procure.sourcing import bidding, rules, sealing, selectors
from procure.sourcing.award import services as award_services
from procure.sourcing.choices import AwardStatus, BidStatus, TenderStatus
from procure.sourcing.evaluation import selectors as evaluation_selectors
from procure.sourcing.evaluation import services as evaluation_services
from procure.sourcing.models import (
    AwardDecision,
    Bid,
    BidDocument,
    Clarification,
    Criterion,
    EvaluatorAssignment,
)
from procure.sourcing.stage_forms import (
    AwardProposalForm,
    ClarificationAnswerForm,
    DeclarationForm,
    EvaluatorForm,
    MarkingForm,
)
from procure.sourcing.views.setup import TenderMixin


def _tender_url(view, anchor: str = "") -> str:
    return reverse("sourcing:tender_detail", args=[view.organisation.slug, view.kwargs["pk"]]) + anchor


class BidsView(TenderMixin, TemplateView):
    """How many bids came in, the opening (two officers), and once opened the bids themselves."""

    permission = ("tender.open", "bid.view")
    template_name = "sourcing/stages/bids.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        tender = bidding.tender_close_if_due(tender=self.get_tender(), now=now)
        openings = list(tender.openings.select_related("officer"))
        opened = tender.opened_at is not None
        bids = Bid.objects.filter(tender=tender, status=BidStatus.SUBMITTED).select_related("supplier", "lot")
        return {**super().get_context_data(**kwargs), "tender": tender, "openings": openings, "opened": opened,
                "bid_count": bids.count(), "bids": list(bids.order_by("supplier__name")) if opened else [],
                "deadline_passed": tender.submission_deadline and now >= tender.submission_deadline,
                "can_open": self.can("tender.open") and not opened
                and not any(o.officer_id == self.request.user.pk for o in openings),
                "officers_needed": rules.OFFICERS_NEEDED_TO_OPEN}

    def post(self, request, org, pk):
        if not self.can("tender.open"):
            raise PermissionDenied("Only authorised officers can open bids")
        try:
            tender = bidding.tender_opening_confirm(tender=self.get_tender(), officer=request.user, now=timezone.now())
        except BusinessRuleViolation as violation:
            messages.error(request, violation.message)
        else:
            if tender.status == TenderStatus.OPENED:
                messages.success(request, "Opening confirmed by two officers: the bids are open")
            else:
                messages.success(request, "Your confirmation is recorded: a second officer must confirm the opening")
        return redirect(reverse("sourcing:tender_bids", args=[org, pk]))


class BidDetailView(TenderMixin, TemplateView):
    permission = "bid.view"
    template_name = "sourcing/stages/bid_detail.html"

    def get(self, request, *args, **kwargs):
        tender = self.get_tender()
        bid = Bid.objects.filter(tender=tender, pk=kwargs["bid_id"]).select_related("supplier", "lot").first()
        if bid is None:
            raise Http404("No such bid")
        try:
            content = selectors.bid_content_read(bid=bid, actor=request.user, now=timezone.now(), purpose="viewed")
        except BusinessRuleViolation as violation:
            return render(request, "sourcing/stages/sealed.html", {"tender": tender, "organisation": self.organisation,
                                                                   "message": violation.message}, status=403)
        questions = {str(q.pk): q for q in tender.selection_questions.all()}
        criteria = {str(c.pk): c for c in Criterion.objects.filter(tender=tender)}
        items = {str(i.pk): i for i in tender.price_items.all()}
        return self.render_to_response({
            **self.get_context_data(**kwargs), "tender": tender, "bid": bid,
            "selection": [(questions.get(key), answer) for key, answer in content["selection"].items()],
            "quality": [(criteria.get(key), answer) for key, answer in content["quality"].items()],
            "prices": [(items.get(key), rate) for key, rate in content["prices"].items()],
            "total_price": content["total_price"], "offer": content.get("social_value_offer", []),
            "documents": [(document, sealing.unseal(tender, document.sealed_name).decode())
                          for document in bid.documents.all()]})


class BidDocumentView(TenderMixin, View):
    permission = "bid.view"

    def get(self, request, org, pk, bid_id, document_id):
        tender = self.get_tender()
        document = BidDocument.objects.filter(bid__tender=tender, bid_id=bid_id, pk=document_id).first()
        if document is None:
            raise Http404("No such document")
        try:
            name, data = selectors.bid_document_read(document=document, actor=request.user, now=timezone.now())
        except BusinessRuleViolation as violation:
            raise PermissionDenied(violation.message) from None
        response = HttpResponse(data, content_type="application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="{name.replace(chr(34), "")}"'
        return response


class ClarificationsView(TenderMixin, TemplateView):
    permission = "tender.view"
    template_name = "sourcing/stages/clarifications.html"

    def get_context_data(self, **kwargs):
        tender = self.get_tender()
        clarifications = list(tender.clarifications.all())
        forms = kwargs.pop("forms", {})
        rows = [(c, forms.get(c.pk) or ClarificationAnswerForm(prefix=f"c{c.pk}", initial={"question": c.question}))
                for c in clarifications]
        return {**super().get_context_data(**kwargs), "tender": tender, "rows": rows,
                "can_answer": self.can("tender.manage") and tender.status == TenderStatus.PUBLISHED}

    def post(self, request, org, pk):
        if not self.can("tender.manage"):
            raise PermissionDenied("Only procurement can answer clarification questions")
        tender = self.get_tender()
        clarification = Clarification.objects.filter(tender=tender, pk=request.POST.get("clarification")).first()
        if clarification is None:
            raise Http404("No such question")
        form = ClarificationAnswerForm(request.POST, prefix=f"c{clarification.pk}")
        if form.is_valid():
            try:
                bidding.clarification_answer(clarification=clarification, actor=request.user, now=timezone.now(),
                                             answer=form.cleaned_data["answer"],
                                             question=form.cleaned_data["question"])
            except BusinessRuleViolation as violation:
                form.add_error(None, violation.message)
            else:
                messages.success(request, "Answer published to every bidder")
                return redirect(reverse("sourcing:tender_clarifications", args=[org, pk]))
        return self.render_to_response(self.get_context_data(forms={clarification.pk: form}))


class EvaluatorsView(TenderMixin, TemplateView):
    permission = ("tender.manage", "evaluation.moderate")
    template_name = "sourcing/stages/evaluators.html"

    def form(self, tender, data=None):
        return EvaluatorForm(data, tender=tender, leaves=selectors.tender_leaf_criteria(tender=tender))

    def get_context_data(self, **kwargs):
        tender = self.get_tender()
        assignments = [(a, evaluation_selectors.assignment_progress(assignment=a))
                       for a in evaluation_selectors.evaluators_for(tender=tender)]
        return {**super().get_context_data(**kwargs), "tender": tender, "assignments": assignments,
                "form": kwargs.get("form") or self.form(tender)}

    def post(self, request, org, pk):
        tender = self.get_tender()
        if "remove" in request.POST:
            assignment = EvaluatorAssignment.objects.filter(tender=tender, pk=request.POST["remove"]).first()
            if assignment is None:
                raise Http404("No such assignment")
            try:
                evaluation_services.evaluator_unassign(assignment=assignment, actor=request.user)
                messages.success(request, f"{assignment.evaluator} removed")
            except BusinessRuleViolation as violation:
                messages.error(request, violation.message)
            return redirect(request.path)
        form = self.form(tender, request.POST)
        if form.is_valid():
            try:
                evaluation_services.evaluator_assign(tender=tender, actor=request.user, **form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_error(None, violation.message)
            else:
                messages.success(request, f"{form.cleaned_data['evaluator']} assigned")
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


class MyEvaluationsView(OrganisationPermissionMixin, TemplateView):
    permission = "evaluation.mark"
    template_name = "sourcing/stages/my_evaluations.html"

    def get_context_data(self, **kwargs):
        assignments = evaluation_selectors.assignments_of(user=self.request.user, organisation=self.organisation)
        return {**super().get_context_data(**kwargs),
                "assignments": [(a, evaluation_selectors.assignment_progress(assignment=a)) for a in assignments]}


class AssignmentMixin(OrganisationPermissionMixin):
    permission = "evaluation.mark"

    def get_assignment(self) -> EvaluatorAssignment:
        assignment = (EvaluatorAssignment.objects.filter(pk=self.kwargs["assignment_id"], evaluator=self.request.user,
                                                         tender__organisation=self.organisation)
                      .select_related("tender", "lot", "criterion").first())
        if assignment is None:
            raise Http404("No such evaluation")
        return assignment


class AssignmentView(AssignmentMixin, TemplateView):
    """The evaluator's own page: the declaration first; then the bids to mark, by receipt number."""

    template_name = "sourcing/stages/assignment.html"

    def get_context_data(self, **kwargs):
        assignment = self.get_assignment()
        context = {**super().get_context_data(**kwargs), "assignment": assignment, "tender": assignment.tender}
        if assignment.has_conflict is None:
            return {**context, "form": kwargs.get("form") or DeclarationForm()}
        if assignment.has_conflict or assignment.tender.status not in rules.EVALUATION_STATUSES:
            return context
        criteria = evaluation_selectors.assignment_criteria(assignment=assignment)
        rows = []
        for bid in evaluation_selectors.assignment_bids(assignment=assignment):
            given = evaluation_selectors.marks_of(assignment=assignment, bid=bid)
            rows.append((bid, sum(1 for c in criteria if c.pk in given), len(criteria)))
        return {**context, "rows": rows}

    def post(self, request, org, assignment_id):
        assignment = self.get_assignment()
        form = DeclarationForm(request.POST)
        if form.is_valid():
            try:
                evaluation_services.conflict_declare(
                    assignment=assignment, actor=request.user, has_conflict=form.cleaned_data["has_conflict"] == "yes",
                    details=form.cleaned_data["details"], now=timezone.now())
            except BusinessRuleViolation as violation:
                form.add_error(None, violation.message)
            else:
                messages.success(request, "Declaration recorded")
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


class MarkView(AssignmentMixin, TemplateView):
    """Marking one bid: only its quality answers are shown, never its prices nor anyone else's marks."""

    template_name = "sourcing/stages/mark.html"

    def setup_marking(self):
        self.assignment = self.get_assignment()
        try:
            rules.check_can_mark(status=self.assignment.tender.status, has_conflict=self.assignment.has_conflict)
        except BusinessRuleViolation as violation:
            raise PermissionDenied(violation.message) from None
        self.bid = evaluation_selectors.assignment_bids(assignment=self.assignment).filter(
            pk=self.kwargs["bid_id"]).first()
        if self.bid is None:
            raise Http404("No such bid in your evaluation")
        self.criteria = evaluation_selectors.assignment_criteria(assignment=self.assignment)
        self.existing = evaluation_selectors.marks_of(assignment=self.assignment, bid=self.bid)

    def form(self, data=None):
        return MarkingForm(data, criteria=self.criteria, scale=self.assignment.tender.mark_scale,
                           existing=self.existing)

    def get_context_data(self, **kwargs):
        content = selectors.bid_content_read(bid=self.bid, actor=self.request.user, now=timezone.now(),
                                             purpose="marking quality")
        form = kwargs.get("form") or self.form()
        rows = [(criterion, content["quality"].get(str(criterion.pk), ""), mark, justification)
                for criterion, mark, justification in form.pairs()]
        return {**super().get_context_data(**kwargs), "assignment": self.assignment, "tender": self.assignment.tender,
                "bid": self.bid, "rows": rows, "form": form}

    def get(self, request, *args, **kwargs):
        self.setup_marking()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.setup_marking()
        form = self.form(request.POST)
        if form.is_valid():
            try:
                for criterion in self.criteria:
                    evaluation_services.mark_record(
                        assignment=self.assignment, bid=self.bid, criterion=criterion, actor=request.user,
                        mark=int(form.cleaned_data[f"mark_{criterion.pk}"]),
                        justification=form.cleaned_data[f"justification_{criterion.pk}"])
            except BusinessRuleViolation as violation:
                form.add_error(None, violation.message)
            else:
                messages.success(request, f"Marks saved for bid {self.bid.receipt_number}")
                return redirect(reverse("sourcing:assignment", args=[self.organisation.slug, self.assignment.pk]))
        return self.render_to_response(self.get_context_data(form=form))


class ModerationView(TenderMixin, TemplateView):
    """Every evaluator's marks side by side, once each has marked; the consensus mark and its reason."""

    permission = "evaluation.moderate"
    template_name = "sourcing/stages/moderation.html"

    def get_context_data(self, **kwargs):
        tender = self.get_tender()
        errors = kwargs.get("errors", {})
        rows = evaluation_selectors.moderation_rows(tender=tender)
        return {**super().get_context_data(**kwargs), "tender": tender, "errors": errors,
                "rows": [(row, f"{row.bid.pk}-{row.criterion.pk}") for row in rows],
                "error_list": list(errors.values()),
                "can_moderate": tender.status in rules.EVALUATION_STATUSES}

    def post(self, request, org, pk):
        tender = self.get_tender()
        errors, saved = {}, 0
        for row in evaluation_selectors.moderation_rows(tender=tender):
            key = f"{row.bid.pk}-{row.criterion.pk}"
            mark, reason = request.POST.get(f"mark-{key}", ""), request.POST.get(f"reason-{key}", "")
            if not mark and not reason:
                continue
            where = f"Bid {row.bid.receipt_number}, {row.criterion.number}"
            try:
                evaluation_services.mark_moderate(bid=row.bid, criterion=row.criterion,
                                                  mark=int(mark) if mark.isdigit() else -1, reason=reason,
                                                  actor=request.user)
                saved += 1
            except BusinessRuleViolation as violation:
                errors[key] = (f"reason-{key}", f"{where}: {violation.message}")
        if errors:
            return self.render_to_response(self.get_context_data(errors=errors))
        messages.success(request, f"{saved} moderated mark{'s' if saved != 1 else ''} saved")
        return redirect(request.path)


class ReportView(TenderMixin, TemplateView):
    """The evaluation report: every step of the arithmetic; `?format=pdf` gives the same as a PDF."""

    permission = "evaluation.view"
    template_name = "sourcing/stages/report.html"

    def get(self, request, *args, **kwargs):
        tender = self.get_tender()
        try:
            selectors.tender_check_bids_readable(tender=tender, now=timezone.now())
            results = evaluation_selectors.evaluation_results(tender=tender, actor=request.user, now=timezone.now())
        except BusinessRuleViolation as violation:
            return render(request, "sourcing/stages/sealed.html", {"tender": tender, "organisation": self.organisation,
                                                                   "message": violation.message}, status=403)
        context = {**self.get_context_data(**kwargs), "tender": tender, "results": results,
                   "generated_at": timezone.now()}
        if request.GET.get("format") == "pdf":
            from weasyprint import HTML

            html = render_to_string("sourcing/stages/report_pdf.html", context, request=request)
            pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="evaluation-{tender.reference}.pdf"'
            return response
        return self.render_to_response(context)


class AwardView(TenderMixin, TemplateView):
    permission = ("award.propose", "award.approve", "evaluation.view")
    template_name = "sourcing/stages/award.html"

    def get_context_data(self, **kwargs):
        tender = self.get_tender()
        awards = list(AwardDecision.objects.filter(tender=tender).exclude(status=AwardStatus.CANCELLED)
                      .select_related("bid__supplier", "lot", "proposed_by", "approved_by", "contract"))
        today = timezone.localdate()
        return {**super().get_context_data(**kwargs), "tender": tender, "awards": awards,
                "form": kwargs.get("form") or AwardProposalForm(),
                "can_propose": self.can("award.propose") and tender.status == TenderStatus.EVALUATION and not awards,
                "can_approve": self.can("award.approve"), "can_conclude": self.can("award.propose"),
                "today": today}

    def post(self, request, org, pk):
        tender, now, action = self.get_tender(), timezone.now(), request.POST.get("action")
        award = AwardDecision.objects.filter(tender=tender, pk=request.POST.get("award")).first()
        try:
            if action == "propose" and self.can("award.propose"):
                form = AwardProposalForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                award_services.award_propose(tender=tender, actor=request.user, now=now,
                                             reasons=form.cleaned_data["reasons"])
                messages.success(request, "Award proposed: it now needs approval by a board member")
            elif action == "approve" and award and self.can("award.approve"):
                award = award_services.award_approve(award=award, actor=request.user, now=now)
                messages.success(request, f"Award approved: outcome letters sent; the standstill ends on "
                                          f"{award.standstill_ends_on:%d %B %Y}")
            elif action == "conclude" and award and self.can("award.propose"):
                award = award_services.award_conclude(award=award, actor=request.user, now=now)
                messages.success(request, f"Contract {award.contract.reference} is in the register")
            else:
                raise PermissionDenied("You cannot do that")
        except BusinessRuleViolation as violation:
            messages.error(request, violation.message)
        return redirect(reverse("sourcing:tender_award", args=[org, pk]))
