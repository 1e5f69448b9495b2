"""Spend lines as plain rows for downloads, fast enough for a year of them.

Rows are read as values, not model instances. Each line's coverage reason depends only on its coverage, contract,
exclusion rule, supplier and category, so it is worked out once per such combination: the lines of a chunk whose
combination is new are loaded whole (one query per chunk) and given to the coverage rules.
"""

from collections.abc import Iterator
from itertools import islice

from django.db.models import QuerySet

from procure.reporting.reasons import line_reason
from procure.spend.choices import Coverage
from procure.spend.models import SpendLine

CHUNK = 2000
HEADINGS = ("Paid", "Payee", "Supplier", "Category", "Department", "Expense type", "Transaction reference",
            "Amount (£, net of VAT)", "On or off contract", "Why", "Contract")
AMOUNT, PAID = HEADINGS.index("Amount (£, net of VAT)"), 0
_FIELDS = ("pk", "coverage", "contract_id", "exclusion_rule_id", "supplier_id", "category_id",
           "payment_date", "payee_name", "supplier__name", "category__name", "category_label", "department__name",
           "department_label", "expense_type", "transaction_reference", "amount", "contract__reference")
_LABELS = dict(Coverage.choices)


def _reason_key(line: SpendLine) -> tuple:
    return (line.coverage, line.contract_id, line.exclusion_rule_id, line.supplier_id, line.category_id)


def _reasons_for(chunk: list[tuple], reasons: dict[tuple, str]) -> None:
    missing = {row[1:6]: row[0] for row in chunk if row[1:6] not in reasons}
    if not missing:
        return
    whole = SpendLine.objects.filter(pk__in=list(missing.values())).select_related(
        "supplier", "category", "department", "contract", "exclusion_rule")
    for line in whole:
        reasons[_reason_key(line)] = line_reason(line)


def _row(values: tuple, reasons: dict[tuple, str]) -> tuple:
    (_, coverage, *_ids, paid, payee, supplier, category, category_label, department, department_label, expense,
     reference, amount, contract) = values
    return (paid, payee, supplier or "", category or category_label, department or department_label, expense,
            reference, amount, _LABELS.get(coverage, coverage), reasons[values[1:6]], contract or "")


def line_rows(lines: QuerySet[SpendLine]) -> Iterator[tuple]:
    """Each line as (paid, payee, supplier, category, department, expense type, reference, amount, coverage,
    why, contract), in the queryset's order."""
    values = lines.values_list(*_FIELDS).iterator(chunk_size=CHUNK)
    reasons: dict[tuple, str] = {}
    while chunk := list(islice(values, CHUNK)):
        _reasons_for(chunk, reasons)
        for row in chunk:
            yield _row(row, reasons)
