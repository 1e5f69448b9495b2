"""Named rules of the review programme and of the contract procedure thresholds: pure functions and constants.

Thresholds are held as data (`ProcedureThreshold` rows): the values here are only the defaults a new
organisation can install, and the fixed parameters of the review rules, named so they can be read and tested.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from procure.core.errors import BusinessRuleViolation
from procure.core.money import PENNY, format_money
from procure.spend.choices import ReviewAction, ReviewStatus

# The rolling review window: the 12 months ending on the as-at date, both ends included.
REVIEW_WINDOW_MONTHS = 12

# Split payments (rule REV-6): at least SPLIT_RUN_MIN_PAYMENTS payments to one supplier, the last paid no
# more than SPLIT_RUN_DAYS days after the first, each under a procedure threshold by no more than
# SPLIT_MARGIN of it (with 10%: from 90% of the threshold up to a penny under it).
SPLIT_RUN_MIN_PAYMENTS = 3
SPLIT_RUN_DAYS = 90
SPLIT_MARGIN = Decimal("0.10")

# A threshold row with this name (any case) sets the review threshold itself instead of the default
# (the lowest threshold above a single quotation); it is not a procedure rung.
REVIEW_THRESHOLD_NAME = "Review threshold"

# UK standard rate of VAT, used to state the Procurement Act threshold (set including VAT) net of VAT.
VAT_RATE = Decimal("0.20")


@dataclass(frozen=True)
class Rung:
    """One step of a contract procedure ladder: from `from_value` (net of VAT), `route`."""

    name: str
    from_value: Decimal
    route: str


# The default ladder of a police body's contract procedure rules. The force's strategy (shared seed) sets no
# values of its own; these are the common steps of police contract standing orders: one quotation, three
# written quotations from £10,000, an advertised invitation to tender from £50,000.
DEFAULT_LADDER = (
    Rung("Single quotation", Decimal("0.00"), "One written quotation, showing value for money"),
    Rung("Three written quotations", Decimal("10000.00"), "At least three written quotations"),
    Rung("Invitation to tender", Decimal("50000.00"),
         "Advertised invitation to tender (published on Contracts Finder)"),
)

# The Procurement Act 2023 threshold for goods and services bought by sub-central authorities (police bodies
# among them): £207,720 including VAT from 1 January 2026. Stored net of VAT like every threshold.
PROCUREMENT_ACT_THRESHOLD_GROSS = Decimal("207720.00")
PROCUREMENT_ACT_THRESHOLD_FROM = date(2026, 1, 1)


def net_of_vat(gross: Decimal) -> Decimal:
    return (gross / (1 + VAT_RATE)).quantize(PENNY, rounding=ROUND_HALF_UP)


def procurement_act_rung() -> Rung:
    """The national threshold as a rung: its value net of VAT, the figure including VAT in its name."""
    net = net_of_vat(PROCUREMENT_ACT_THRESHOLD_GROSS)
    gross = format_money(PROCUREMENT_ACT_THRESHOLD_GROSS)
    return Rung(f"Procurement Act 2023 threshold ({gross} including VAT)",
                net, f"Regulated procurement under the Procurement Act 2023 (goods and services, sub-central "
                     f"authorities): {format_money(net)} net of VAT")


def default_ladders(effective_from: date) -> list[tuple[date, tuple[Rung, ...]]]:
    """THR-6: The default rules from a date: the local ladder, with the Procurement Act threshold from
    1 January 2026 (a second set of rules from that day when the first starts earlier; earlier national
    thresholds are not installed)."""
    national = procurement_act_rung()
    if effective_from >= PROCUREMENT_ACT_THRESHOLD_FROM:
        return [(effective_from, (*DEFAULT_LADDER, national))]
    return [(effective_from, DEFAULT_LADDER), (PROCUREMENT_ACT_THRESHOLD_FROM, (*DEFAULT_LADDER, national))]


def is_review_threshold_name(name: str) -> bool:
    return name.strip().casefold() == REVIEW_THRESHOLD_NAME.casefold()


def review_threshold(rungs: list[Rung]) -> Decimal | None:
    """REV-1: The review threshold is the value of a threshold named 'Review threshold' when there is one,
    otherwise the lowest threshold above a single quotation (the lowest value above zero)."""
    configured = [rung.from_value for rung in rungs if is_review_threshold_name(rung.name)]
    if configured:
        return min(configured)
    above_zero = [rung.from_value for rung in rungs if rung.from_value > 0]
    return min(above_zero) if above_zero else None


def procedure_values(rungs: list[Rung]) -> list[Decimal]:
    """The thresholds that split payments try to stay under: every procedure step above zero."""
    return sorted({rung.from_value for rung in rungs if rung.from_value > 0 and not is_review_threshold_name(
        rung.name)})


def review_window(as_at: date) -> tuple[date, date]:
    """REV-2: The review looks at the 12 months ending on the as-at date: from the day after the same date a
    year earlier, to the as-at date, both included (as at 31 March 2017: 1 April 2016 to 31 March 2017)."""
    day = 28 if (as_at.month, as_at.day) == (2, 29) else as_at.day
    year_before = date(as_at.year - 1, as_at.month, day)
    return year_before + timedelta(days=1), as_at


def split_band(threshold: Decimal) -> tuple[Decimal, Decimal]:
    """REV-6: A payment is just under a threshold when it is at least (1 - margin) of it and below it:
    (lowest included, threshold itself excluded)."""
    return (threshold * (1 - SPLIT_MARGIN)).quantize(PENNY, rounding=ROUND_HALF_UP), threshold


def check_action_reason(action: str, reason: str) -> None:
    """REV-7: An exemption needs its reason written down."""
    if action == ReviewAction.EXEMPT and not reason.strip():
        raise BusinessRuleViolation(code="REV-7", message="Enter the reason for the exemption")


def check_status_allowed(status: str, action: str) -> None:
    """REV-8: An item is done only once its planned action is chosen."""
    if status == ReviewStatus.DONE and action == ReviewAction.UNDECIDED:
        raise BusinessRuleViolation(code="REV-8",
                                    message="Choose the planned action before marking the item done")


def check_threshold_value(from_value: Decimal) -> None:
    """THR-1: A threshold is an amount of at least zero, net of VAT."""
    if from_value < 0:
        raise BusinessRuleViolation(code="THR-1", message="The threshold cannot be negative")


def check_change_date(applies_from: date, rules_start: date) -> None:
    """THR-3: A change or an end applies from the date its rules start, or later."""
    if applies_from < rules_start:
        raise BusinessRuleViolation(
            code="THR-3", message=f"Enter a date on or after {rules_start:%d/%m/%Y}, when these rules start")
