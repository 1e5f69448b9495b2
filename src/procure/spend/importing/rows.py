"""One row under a heading row: a payment line, a total, a note, or a bad row with its reasons."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from procure.core.dates import parse_uk_date
from procure.core.money import parse_money
from procure.core.tabular import cell_text, is_blank
from procure.spend.importing import cells
from procure.suppliers.matching import normalise_company_number

_TEXT_FIELDS = {  # field: (max length, 'Not classified' counts as empty)
    "transaction_reference": (100, False), "invoice_reference": (100, False), "expense_type": (300, False),
    "description": (500, False), "category_code": (20, True), "category_label": (300, True),
    "department_code": (50, False), "department_label": (200, False), "payee_vat_number": (20, False),
}


@dataclass
class Table:
    """A heading row and what each column feeds."""

    sheet: str
    line: int
    columns: dict[str, int]
    headings: list[str]
    signature: str
    source: str  # "synonyms" or the name of a saved mapping

    def heading(self, field: str) -> str:
        return self.headings[self.columns[field]]


@dataclass(slots=True)
class ParsedLine:
    sheet: str
    line_number: int
    payment_date: date
    amount: Decimal
    payee_name: str
    irrecoverable_vat: Decimal | None = None
    payee_company_number: str = ""
    transaction_reference: str = ""
    invoice_reference: str = ""
    expense_type: str = ""
    description: str = ""
    category_code: str = ""
    category_label: str = ""
    department_code: str = ""
    department_label: str = ""
    payee_vat_number: str = ""


@dataclass
class RowOutcome:
    kind: str  # "line", "total", "note", "bad"
    line: ParsedLine | None = None
    amount: Decimal | None = None
    is_grand_total: bool = False
    reasons: tuple[str, ...] = ()


def _get(row: tuple, table: Table, field: str) -> object:
    index = table.columns.get(field)
    if index is None or index >= len(row):
        return None
    value = row[index]
    return value.strip() if isinstance(value, str) else value


def read_row(row: tuple, table: Table, number: int) -> RowOutcome:
    raw_date, raw_amount = _get(row, table, "payment_date"), _get(row, table, "amount")
    raw_payee = _get(row, table, "payee_name")
    if _is_total(row, raw_date, raw_payee):
        return _total(raw_amount, row)
    if is_blank(raw_date) and is_blank(raw_amount):
        return RowOutcome("note", reasons=("No payment date or amount: not a payment, left out",))
    reasons: list[str] = []
    payment_date = _date(raw_date, reasons)
    amount = _money(raw_amount, "amount", reasons, required=True)
    payee = cell_text(raw_payee)[:300]
    if not payee and amount is not None:
        reasons.append("No payee: enter the supplier's name")
    vat = _money(_get(row, table, "irrecoverable_vat"), "irrecoverable VAT", reasons, required=False)
    if reasons:
        return RowOutcome("bad", reasons=tuple(reasons))
    line = ParsedLine(table.sheet, number, payment_date, amount, payee, irrecoverable_vat=vat,
                      payee_company_number=normalise_company_number(cell_text(
                          _get(row, table, "payee_company_number"))))
    for field, (length, unclassified) in _TEXT_FIELDS.items():
        if field in table.columns:
            setattr(line, field, cells.optional_text(_get(row, table, field), max_length=length,
                                                     unclassified_is_blank=unclassified))
    return RowOutcome("line", line=line)


def _is_total(row: tuple, raw_date: object, raw_payee: object) -> bool:
    """A row saying Total (or Grand total) with no date and no payee of its own."""
    date_free = is_blank(raw_date) or cells.is_total_text(raw_date)
    payee_free = is_blank(raw_payee) or cells.is_total_text(raw_payee)
    return date_free and payee_free and any(cells.is_total_text(cell) for cell in row)


def _total(raw_amount: object, row: tuple) -> RowOutcome:
    try:
        amount = parse_money(raw_amount)
    except ValueError:
        return RowOutcome("note", reasons=("A total row without a readable amount: left out",))
    grand = any(cells.is_grand_total_text(cell) for cell in row)
    return RowOutcome("total", amount=amount, is_grand_total=grand)


def _date(raw: object, reasons: list[str]) -> date | None:
    if is_blank(raw):
        reasons.append("No payment date: enter the date paid (dd/mm/yyyy)")
        return None
    try:
        return parse_uk_date(raw)
    except ValueError as error:
        reasons.append(f"Payment date: {error}")
        return None


def _money(raw: object, label: str, reasons: list[str], *, required: bool) -> Decimal | None:
    if is_blank(raw) or (not required and str(raw).strip().lower() in ("na", "n/a", "-")):
        if required:
            reasons.append(f"No {label}: enter the {label} in pounds and pence")
        return None
    try:
        return parse_money(raw)
    except ValueError as error:
        reasons.append(f"{label[:1].upper()}{label[1:]}: {error}")
        return None
