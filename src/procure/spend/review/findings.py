"""The four review rules as set-based queries over off-contract spend, and the lines behind each finding.

Each rule groups lines in the database (GROUP BY with HAVING, EXISTS for runs of payments); Python only sees
one row per group. Amounts are summed as whole pennies so SQLite's floating point cannot blur them.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Greatest, Least, Round

from procure.core.money import PENNY, format_money
from procure.organisations.models import Organisation
from procure.spend.choices import Coverage, ReviewRule
from procure.spend.models import SpendLine
from procure.spend.review import rules

NOT_OFF_CONTRACT = (Coverage.COVERED, Coverage.NON_PROCURABLE, Coverage.UNDECIDED)
NO_CATEGORY = "none"


@dataclass(frozen=True)
class Window:
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Finding:
    """What one review item says: stable `key` within its rule, and the spend behind it."""

    rule: str
    key: str
    summary: str
    amount: Decimal
    supplier_id: int | None = None
    category_id: int | None = None
    contract_id: int | None = None


def _pennies():
    return Sum(Round(F("amount") * 100), output_field=IntegerField())


def _pounds(pennies) -> Decimal:
    return (Decimal(round(pennies)) / 100).quantize(PENNY)


def _in_pennies(amount: Decimal) -> int:
    return int(amount * 100)


def off_contract_lines(*, organisation: Organisation, window: Window) -> QuerySet[SpendLine]:
    """Procurable lines not on contract (coverage decided, not covered, not excluded), paid in the window."""
    return (SpendLine.objects.filter(organisation=organisation, payment_date__gte=window.starts_on,
                                     payment_date__lte=window.ends_on)
            .exclude(coverage__in=NOT_OFF_CONTRACT).order_by())


def _grouped_lines(*, organisation: Organisation, window: Window) -> QuerySet[SpendLine]:
    """Lines for the supplier and category rules: those paid after a contract ended have their own rule,
    so the same spend is not listed twice."""
    return off_contract_lines(organisation=organisation, window=window).exclude(
        coverage=Coverage.CONTRACT_ENDED).filter(supplier__isnull=False)


def over_threshold(*, organisation: Organisation, window: Window, threshold: Decimal) -> list[Finding]:
    """REV-3: A supplier and category whose off-contract spend in the window reaches the review threshold
    (exactly at the threshold counts: from that value the rules ask for more than one quotation)."""
    groups = (_grouped_lines(organisation=organisation, window=window)
              .values("supplier_id", "supplier__name", "category_id", "category__name")
              .annotate(pennies=_pennies()).filter(pennies__gte=_in_pennies(threshold)))
    return [Finding(rule=ReviewRule.OVER_THRESHOLD,
                    key=f"{row['supplier_id']}/{row['category_id'] or NO_CATEGORY}",
                    supplier_id=row["supplier_id"], category_id=row["category_id"],
                    amount=_pounds(row["pennies"]),
                    summary=f"{row['supplier__name']}: {row['category__name'] or 'no category'}, at or over "
                            f"the {format_money(threshold)} review threshold in 12 months")
            for row in groups]


def over_threshold_lines(*, organisation: Organisation, window: Window, supplier_id: int | None,
                         category_id: int | None) -> QuerySet[SpendLine]:
    lines = _grouped_lines(organisation=organisation, window=window).filter(supplier_id=supplier_id)
    return lines.filter(category_id=category_id) if category_id else lines.filter(category__isnull=True)


def paid_after_end(*, organisation: Organisation, window: Window) -> list[Finding]:
    """REV-4: A supplier paid (net of credits) after its contract ended, named with the contract and its
    end."""
    groups = (off_contract_lines(organisation=organisation, window=window)
              .filter(coverage=Coverage.CONTRACT_ENDED)
              .values("supplier_id", "supplier__name", "contract_id", "contract__reference",
                      "contract__final_ends_on")
              .annotate(pennies=_pennies()).filter(pennies__gt=0))
    return [Finding(rule=ReviewRule.PAID_AFTER_END, key=f"{row['supplier_id']}/{row['contract_id']}",
                    supplier_id=row["supplier_id"], contract_id=row["contract_id"],
                    amount=_pounds(row["pennies"]), summary=_after_end_summary(row))
            for row in groups]


def paid_after_end_lines(*, organisation: Organisation, window: Window, supplier_id: int | None,
                         contract_id: int | None) -> QuerySet[SpendLine]:
    return off_contract_lines(organisation=organisation, window=window).filter(
        coverage=Coverage.CONTRACT_ENDED, supplier_id=supplier_id, contract_id=contract_id)


def _after_end_summary(row: dict) -> str:
    supplier = row["supplier__name"] or "A payee"
    if row["contract_id"] is None:
        return f"{supplier}: paid after its contract ended"
    return (f"{supplier}: paid after contract {row['contract__reference']} ended on "
            f"{row['contract__final_ends_on']:%d/%m/%Y}")


def _under_threshold_by_supplier(lines: QuerySet[SpendLine], threshold: Decimal) -> QuerySet:
    return (lines.filter(category__isnull=False).values("category_id", "supplier_id")
            .annotate(pennies=_pennies()).filter(pennies__gt=0, pennies__lt=_in_pennies(threshold)))


def aggregation(*, organisation: Organisation, window: Window, threshold: Decimal) -> list[Finding]:
    """REV-5: Two or more suppliers in one category, each under the review threshold, together at or over it:
    one contract could cover them all."""
    lines = _grouped_lines(organisation=organisation, window=window)
    totals: dict[int, list[int]] = {}
    for row in _under_threshold_by_supplier(lines, threshold):
        totals.setdefault(row["category_id"], []).append(row["pennies"])
    names = dict(lines.filter(category_id__in=list(totals)).values_list("category_id", "category__name")
                 .distinct())
    return [Finding(rule=ReviewRule.AGGREGATION, key=str(category_id), category_id=category_id,
                    amount=_pounds(sum(pennies)),
                    summary=f"{names.get(category_id, 'A category')}: {len(pennies)} suppliers each under "
                            f"the {format_money(threshold)} review threshold, together over it")
            for category_id, pennies in totals.items()
            if len(pennies) >= 2 and sum(pennies) >= _in_pennies(threshold)]


def aggregation_lines(*, organisation: Organisation, window: Window, threshold: Decimal,
                      category_id: int) -> QuerySet[SpendLine]:
    lines = _grouped_lines(organisation=organisation, window=window).filter(category_id=category_id)
    suppliers = _under_threshold_by_supplier(lines, threshold).values("supplier_id")
    return lines.filter(supplier_id__in=Subquery(suppliers))


def _in_band(*, organisation: Organisation, threshold: Decimal) -> QuerySet[SpendLine]:
    """Off-contract payments just under a threshold, on any date: the subqueries below bound the dates through
    the outer line only, so the database looks them up by supplier (a fixed date bound there would make SQLite
    scan every line of the window for each payment instead)."""
    low, high = rules.split_band(threshold)
    return (SpendLine.objects.filter(organisation=organisation, supplier__isnull=False, amount__gte=low,
                                     amount__lt=high).exclude(coverage__in=NOT_OFF_CONTRACT).order_by())


def _shifted(expression, days: int):
    return ExpressionWrapper(expression + timedelta(days=days), output_field=DateField())


def split_payment_lines(*, organisation: Organisation, window: Window,
                        threshold: Decimal) -> QuerySet[SpendLine]:
    """REV-6: Payments just under a procedure threshold that belong to a run: at least SPLIT_RUN_MIN_PAYMENTS
    such payments to one supplier in the window, the last no more than SPLIT_RUN_DAYS days after the first.

    A payment starts a run when enough payments follow it within the days; a payment is in a run when a start
    lies on or before it, no more than the days earlier."""
    band = _in_band(organisation=organisation, threshold=threshold)
    reach = Least(_shifted(F("payment_date"), rules.SPLIT_RUN_DAYS), Value(window.ends_on),
                  output_field=DateField())
    following = (band.filter(supplier_id=OuterRef("supplier_id"), payment_date__gte=OuterRef("payment_date"),
                             payment_date__lte=OuterRef("reach"))
                 .values("supplier_id").annotate(n=Count("id")).values("n"))
    earliest = Greatest(_shifted(OuterRef("payment_date"), -rules.SPLIT_RUN_DAYS), Value(window.starts_on),
                        output_field=DateField())
    starts = (band.annotate(reach=reach, run_size=Subquery(following, output_field=IntegerField()))
              .filter(supplier_id=OuterRef("supplier_id"), payment_date__lte=OuterRef("payment_date"),
                      payment_date__gte=earliest, run_size__gte=rules.SPLIT_RUN_MIN_PAYMENTS))
    in_window = band.filter(payment_date__gte=window.starts_on, payment_date__lte=window.ends_on)
    return in_window.filter(Exists(starts))


def split_payments(*, organisation: Organisation, window: Window, thresholds: list[Decimal]) -> list[Finding]:
    found = []
    for threshold in thresholds:
        groups = (split_payment_lines(organisation=organisation, window=window, threshold=threshold)
                  .values("supplier_id", "supplier__name")
                  .annotate(pennies=_pennies(), payments=Count("id"), first=Min("payment_date"),
                            last=Max("payment_date")))
        found += [Finding(rule=ReviewRule.SPLIT_PAYMENTS, key=f"{row['supplier_id']}/{threshold:.2f}",
                          supplier_id=row["supplier_id"], amount=_pounds(row["pennies"]),
                          summary=f"{row['supplier__name']}: {row['payments']} payments just under the "
                                  f"{format_money(threshold)} threshold, {row['first']:%d/%m/%Y} to "
                                  f"{row['last']:%d/%m/%Y}")
                  for row in groups]
    return found


def split_threshold_of(key: str) -> Decimal:
    """The threshold a split-payments item is about, from its key ('supplier/threshold')."""
    return Decimal(key.rsplit("/", 1)[1])
