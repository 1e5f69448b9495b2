"""Named rules of procurement requests: the route to market a need is suggested, and which need may do what.

Pure functions: they take the organisation's contract procedure rules (value bands), the Procurement Act 2023
thresholds and the live contracts and frameworks of the need's category as plain values.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from procure.core.errors import BusinessRuleViolation
from procure.sourcing.choices import ContractType, RequestStatus, SuggestedRoute, ThresholdKind


@dataclass(frozen=True)
class Band:
    """One of an organisation's contract procedure rules: needs from `from_value` (included) up to `to_value`
    (excluded; None: no upper limit) go by `route`. Values include VAT."""

    from_value: Decimal
    to_value: Decimal | None
    route: str
    description: str
    effective_from: date


@dataclass(frozen=True)
class Threshold:
    kind: str
    value_gross: Decimal
    effective_from: date


@dataclass(frozen=True)
class Existing:
    """A live contract or framework in the need's category."""

    reference: str
    title: str
    is_framework: bool


@dataclass(frozen=True)
class RouteSuggestion:
    route: str
    reason: str


# How far a route goes from "buy it simply" to "a regulated competition": used to compare suggestions.
ROUTE_ORDER = {SuggestedRoute.EXISTING_CONTRACT: 0, SuggestedRoute.FRAMEWORK_CALL_OFF: 1,
               SuggestedRoute.QUOTES: 1, SuggestedRoute.TENDER: 2, SuggestedRoute.REGULATED_TENDER: 3}
BAND_ROUTES = (SuggestedRoute.QUOTES, SuggestedRoute.FRAMEWORK_CALL_OFF, SuggestedRoute.TENDER)


def pounds(value: Decimal) -> str:
    return f"£{value:,.2f}"


def day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def threshold_kind(contract_type: str) -> str:
    return ThresholdKind.WORKS if contract_type == ContractType.WORKS else ThresholdKind.GOODS_AND_SERVICES


def in_force(items, on_date: date):
    """The items of the latest effective date on or before `on_date` (a set of rules replaces the one before)."""
    dates = [item.effective_from for item in items if item.effective_from <= on_date]
    if not dates:
        return []
    latest = max(dates)
    return [item for item in items if item.effective_from == latest]


def threshold_in_force(thresholds: list[Threshold], contract_type: str, on_date: date) -> Threshold | None:
    kind = threshold_kind(contract_type)
    current = in_force([t for t in thresholds if t.kind == kind], on_date)
    return current[0] if current else None


def suggest_route(value: Decimal, contract_type: str, on_date: date, bands: list[Band],
                  thresholds: list[Threshold], existing: list[Existing]) -> RouteSuggestion:
    """SRC-30: The route to market for a need of `value` (whole-life, including VAT): a live contract in its
    category first, then a live framework; otherwise a regulated tender at or above the Procurement Act 2023
    threshold for its type, and below it the organisation's contract procedure rules in force on `on_date`."""
    contracts = [item for item in existing if not item.is_framework]
    frameworks = [item for item in existing if item.is_framework]
    if contracts:
        names = ", ".join(f"{item.reference} {item.title}" for item in contracts[:3])
        return RouteSuggestion(SuggestedRoute.EXISTING_CONTRACT, (
            f"A live contract in this category may already meet the need ({names}): ask procurement to confirm "
            "it covers what you need before anything new is bought"))
    if frameworks:
        names = ", ".join(f"{item.title}" for item in frameworks[:3])
        return RouteSuggestion(SuggestedRoute.FRAMEWORK_CALL_OFF, (
            f"A live framework covers this category ({names}): call off from it rather than run a new "
            "competition"))
    threshold = threshold_in_force(thresholds, contract_type, on_date)
    if threshold is not None and value >= threshold.value_gross:
        kind = ThresholdKind(threshold.kind).label.lower()
        return RouteSuggestion(SuggestedRoute.REGULATED_TENDER, (
            f"{pounds(value)} is at or above the Procurement Act 2023 threshold for {kind} "
            f"({pounds(threshold.value_gross)} including VAT, from {day(threshold.effective_from)}): "
            "run a regulated tender, advertised on Find a Tender"))
    for band in sorted(in_force(bands, on_date), key=lambda b: b.from_value):
        if band.from_value <= value and (band.to_value is None or value < band.to_value):
            upper = f"up to {pounds(band.to_value)}" if band.to_value is not None else "and above"
            return RouteSuggestion(band.route, (
                f"{pounds(value)} falls in our contract procedure rules' band from {pounds(band.from_value)} "
                f"{upper}: {band.description}"))
    return RouteSuggestion(SuggestedRoute.TENDER, (
        f"No contract procedure rule covers {pounds(value)}: run a tender, and ask procurement to add a band "
        "for this value"))


def check_bands(bands: list[Band]) -> None:
    """SRC-31: Within one set of contract procedure rules (one effective date) the bands do not overlap, each
    starts below where it ends, and each has a route a band can give."""
    for band in bands:
        if band.to_value is not None and band.to_value <= band.from_value:
            raise BusinessRuleViolation(code="SRC-31", message=(
                f"The band from {pounds(band.from_value)} must end above where it starts: raise its upper value "
                "or leave it empty for no upper limit"))
        if band.route not in BAND_ROUTES:
            raise BusinessRuleViolation(code="SRC-31", message="Choose quotations, a framework call-off or a "
                                                               "tender as the band's route")
    by_date: dict[date, list[Band]] = {}
    for band in bands:
        by_date.setdefault(band.effective_from, []).append(band)
    for effective_from, group in by_date.items():
        ordered = sorted(group, key=lambda b: b.from_value)
        for lower, upper in zip(ordered, ordered[1:], strict=False):
            if lower.to_value is None or lower.to_value > upper.from_value:
                raise BusinessRuleViolation(code="SRC-31", message=(
                    f"The band from {pounds(upper.from_value)} overlaps the band from {pounds(lower.from_value)} "
                    f"in the rules from {day(effective_from)}: change one so they do not overlap"))


def needs_board(value: Decimal, board_threshold: Decimal) -> bool:
    """SRC-32: A need whose value is above the board threshold needs the Strategic Procurement Board's
    approval; at or below it, it is approved on submission and goes by its suggested route."""
    return value > board_threshold


def check_submittable(status: str) -> None:
    """SRC-33: Only a draft need is submitted, once."""
    if status != RequestStatus.DRAFT:
        raise BusinessRuleViolation(code="SRC-33", message="This need has already been submitted")


def check_editable(status: str) -> None:
    """SRC-34: A need changes only while it is a draft."""
    if status != RequestStatus.DRAFT:
        raise BusinessRuleViolation(code="SRC-34", message=(
            "This need has been submitted and can no longer change: withdraw it and raise a new one"))


OPEN_STATUSES = (RequestStatus.SUBMITTED, RequestStatus.AWAITING_BOARD, RequestStatus.DEFERRED,
                 RequestStatus.APPROVED)
BOARD_PENDING = (RequestStatus.AWAITING_BOARD, RequestStatus.DEFERRED)


def check_can_be_met(status: str, *, contract_is_live: bool) -> None:
    """SRC-35: A submitted need not yet tendered can be met from a contract that is live today."""
    if status not in OPEN_STATUSES:
        raise BusinessRuleViolation(code="SRC-35", message=(
            "Only a submitted need that is not being tendered can be met from an existing contract"))
    if not contract_is_live:
        raise BusinessRuleViolation(code="SRC-35", message="Choose a contract that is live today")


def check_board_decidable(status: str) -> None:
    """SRC-36: The board decides a need only while it awaits the board (or was deferred to a later meeting)."""
    if status not in BOARD_PENDING:
        raise BusinessRuleViolation(code="SRC-36", message=(
            "This need is no longer waiting for the board: it may have been met from a contract or withdrawn"))


def check_withdrawable(status: str) -> None:
    """SRC-37: A need can be withdrawn until it is being tendered, met or closed."""
    if status not in (RequestStatus.DRAFT, *OPEN_STATUSES):
        raise BusinessRuleViolation(code="SRC-37", message="This need can no longer be withdrawn")
