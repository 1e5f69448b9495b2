"""Reads of procurement requests: the register, one need with its timeline, what already exists to meet it,
and the contract procedure rules and thresholds its route is suggested from."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.urls import reverse

from procure.contracts.models import Category, Contract, Framework
from procure.contracts.selectors import contracts_live_on
from procure.core.audit import audit_history
from procure.governance import selectors as board_selectors
from procure.organisations.models import Organisation
from procure.sourcing.choices import RequestStatus, SuggestedRoute
from procure.sourcing.models import ProcurementActThreshold, ProcurementRequest, RouteBand
from procure.sourcing.requests import rules
from procure.sourcing.requests.defaults import DEFAULT_BANDS


def request_list(*, organisation: Organisation) -> QuerySet[ProcurementRequest]:
    return (ProcurementRequest.objects.filter(organisation=organisation)
            .select_related("department", "category", "raised_by").order_by("-created_at", "-id"))


def request_get(*, organisation: Organisation, request_id: int) -> ProcurementRequest | None:
    return (ProcurementRequest.objects.filter(organisation=organisation, pk=request_id)
            .select_related("department", "category", "raised_by", "met_by_contract").first())


def requests_awaiting_board(organisation: Organisation) -> QuerySet[ProcurementRequest]:
    """Needs waiting for the board's decision (deferred ones too), oldest submission first."""
    return (ProcurementRequest.objects.filter(organisation=organisation, status__in=rules.BOARD_PENDING)
            .order_by("submitted_at", "id"))


def route_band_list(*, organisation: Organisation) -> QuerySet[RouteBand]:
    return RouteBand.objects.filter(organisation=organisation).order_by("-effective_from", "from_value_gross")


def route_band_specs(*, organisation: Organisation) -> list[rules.Band]:
    """The organisation's contract procedure rules; the suggested ones while it has none of its own."""
    bands = [rules.Band(band.from_value_gross, band.to_value_gross, band.route, band.description,
                        band.effective_from) for band in route_band_list(organisation=organisation)]
    return bands or list(DEFAULT_BANDS)


def threshold_specs() -> list[rules.Threshold]:
    return [rules.Threshold(t.kind, t.value_gross, t.effective_from) for t in ProcurementActThreshold.objects.all()]


@dataclass(frozen=True)
class ExistingArrangements:
    contracts: list[Contract]
    frameworks: list[Framework]

    def specs(self) -> list[rules.Existing]:
        return ([rules.Existing(c.reference, c.title, False) for c in self.contracts]
                + [rules.Existing(f.reference, str(f), True) for f in self.frameworks])


def _in_category(category: Category) -> QuerySet[Category]:
    return Category.objects.filter(scheme=category.scheme).filter(
        Q(pk=category.pk) | Q(path__startswith=f"{category.path} > "))


def existing_arrangements(*, organisation: Organisation, category: Category | None,
                          day: date) -> ExistingArrangements:
    """Contracts live on `day` in the category (or beneath it), and live frameworks that contracts in the
    category are called off: what might meet a need before anything new is bought."""
    if category is None:
        return ExistingArrangements([], [])
    chosen = Contract.categories.through.objects.filter(category_id__in=_in_category(category).values("pk"))
    in_category = Contract.objects.filter(pk__in=chosen.values("contract_id"))
    contracts = list(contracts_live_on(organisation=organisation, day=day).filter(pk__in=in_category.values("pk"))
                     .select_related("framework").order_by("final_ends_on", "reference")[:20])
    frameworks = list(Framework.objects.filter(pk__in=in_category.values("framework_id"))
                      .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=day))
                      .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day)).order_by("provider", "name")[:20])
    return ExistingArrangements(contracts, frameworks)


def route_suggestion(*, request: ProcurementRequest, day: date) -> rules.RouteSuggestion:
    existing = existing_arrangements(organisation=request.organisation, category=request.category, day=day)
    return rules.suggest_route(request.estimated_value_gross, request.contract_type, day,
                               route_band_specs(organisation=request.organisation), threshold_specs(),
                               existing.specs())


def contract_live_for(*, organisation: Organisation, contract_id: int, day: date) -> Contract | None:
    return contracts_live_on(organisation=organisation, day=day).filter(pk=contract_id).first()


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    who: str
    what: str
    detail: list[str]


ACTIONS = {
    "procurement_request.raised": "Need raised as a draft",
    "procurement_request.changed": "Draft changed",
    "procurement_request.submitted": "Submitted",
    "procurement_request.met_from_existing": "Met from an existing contract",
    "procurement_request.withdrawn": "Withdrawn",
    "procurement_request.tendered": "Tender set up",
    "board.agenda_added": "Put on the board's agenda",
}


def _readable(key: str, value: str) -> str:
    choices = {"status": RequestStatus, "suggested_route": SuggestedRoute}.get(key)
    return choices(value).label if choices and value in choices.values else str(value)


def request_timeline(*, request: ProcurementRequest) -> list[TimelineEntry]:
    """What happened to a need, newest first: its audit trail, with the board's decisions and minutes."""
    entries = []
    for event in audit_history(request):
        if event.action == "procurement_request.board_decided":
            continue  # shown below from the agenda item, with the minutes
        after = event.after or {}
        detail = [f"{label}: {_readable(key, after[key])}"
                  for key, label in (("status", "Status"), ("suggested_route", "Route"), ("reason", "Reason"),
                                     ("tender", "Tender"), ("meeting", "Meeting"), ("contract", "Contract"))
                  if after.get(key)]
        entries.append(TimelineEntry(event.at, event.actor_name, ACTIONS.get(event.action, event.action), detail))
    for item in board_selectors.decisions_about(subject=request):
        if not item.is_decided:
            continue
        detail = [f"{label}: {text}" for label, text in (("Conditions", item.conditions), ("Reason", item.reason),
                                                          ("Minutes", item.minutes)) if text]
        who = item.decided_by.get_full_name() or item.decided_by.get_username() if item.decided_by else "The board"
        entries.append(TimelineEntry(item.decided_at, who,
                                     f"Board: {item.get_decision_display()} ({item.meeting})", detail))
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def board_describe(request: ProcurementRequest) -> tuple[str, str, str]:
    """How a need reads on the board's agenda: title, summary and its page."""
    summary = (f"£{request.estimated_value_gross:,.2f} including VAT; "
               f"{request.get_suggested_route_display() or 'route not yet suggested'}; "
               f"wanted by {request.wanted_by:%d/%m/%Y}")
    return (f"{request.reference} {request.title}", summary,
            reverse("procurement_requests:request_detail", args=[request.organisation.slug, request.pk]))
