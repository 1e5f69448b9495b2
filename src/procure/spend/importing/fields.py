"""The fields a spend line is read into, and the column headings each is recognised by."""

import hashlib
from dataclasses import dataclass

from procure.core.tabular import header_key


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    synonyms: tuple[str, ...]
    fallbacks: tuple[str, ...] = ()
    required: bool = False


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("payment_date", "payment date", (
        "Payment Date", "PaymentDate", "Date Paid", "Paid Date", "Date of Payment", "Payment_Date", "Pay Date",
        "Transaction Date", "Date"), fallbacks=("EffectiveDate", "Effective Date"), required=True),
    FieldSpec("amount", "amount", (
        "Amount", "Net Amount", "Amount (£)", "Amount GBP", "Amount Paid", "Payment Amount", "Net Value",
        "Line Amount", "Value", "Total"), required=True),
    FieldSpec("payee_name", "payee (supplier name)", (
        "Supplier Name", "Supplier", "Payee", "Payee Name", "Beneficiary", "BeneficiaryName", "Beneficiary Name",
        "Vendor", "Vendor Name", "Creditor", "Creditor Name", "beneficiary_name", "supplier_name"), required=True),
    FieldSpec("transaction_reference", "transaction reference", (
        "Transaction Number", "TransactionNumber", "Transaction No", "Transaction Reference", "Transaction Ref",
        "Transaction ID", "Payment Reference", "Document Number", "Voucher Number", "Reference", "Ref")),
    FieldSpec("invoice_reference", "invoice reference", (
        "Invoice Number", "InvoiceNumber", "Invoice No", "Invoice Reference", "Invoice Ref", "Invoice")),
    FieldSpec("expense_type", "expense type", (
        "Expense Type", "Expenditure Category", "Expenditure Type", "Purpose", "Purpose of Spend",
        "Subjective Description", "Subjective", "Account Description", "Description")),
    FieldSpec("description", "description", ("Narrative", "Line Description", "Details", "Description")),
    FieldSpec("category_code", "category code", ("ProclassCode", "ProClass Code", "Category Code")),
    FieldSpec("category_label", "category", (
        "ProclassLabel", "ProClass Label", "ProClass", "Proclass Description", "Procurement Category", "Category",
        "Supplier Classification")),
    FieldSpec("department_code", "department code", (
        "ProfitCentre", "Profit Centre", "Cost Centre Code", "Department Code", "Service Area Code")),
    FieldSpec("department_label", "department", (
        "Service Area", "Department", "Directorate", "OrganisationalUnit", "Organisational Unit", "Cost Centre",
        "Cost Centre Name", "Service", "Expense Area")),
    FieldSpec("payee_company_number", "payee's company number", (
        "company_number", "Company Number", "BeneficiaryCompanyNumber", "Companies House Number",
        "Company Registration Number", "Supplier Company Number")),
    FieldSpec("payee_vat_number", "payee's VAT number", (
        "VATRegistrationNumber", "VAT Registration Number", "VAT Number", "VAT Reg No", "Supplier VAT Number")),
    FieldSpec("irrecoverable_vat", "irrecoverable VAT", (
        "IrrecoverableVATAmount", "Irrecoverable VAT", "Irrecoverable VAT Amount")),
)
FIELD_NAMES = tuple(spec.name for spec in FIELDS)
REQUIRED_FIELDS = tuple(spec.name for spec in FIELDS if spec.required)
LABELS = {spec.name: spec.label for spec in FIELDS}


_RANKS: dict[str, dict[str, int]] = {
    spec.name: {header_key(s): rank for rank, s in enumerate(spec.synonyms + spec.fallbacks)}
    for spec in FIELDS
}


def header_signature(cells: list | tuple) -> str:
    """SHA-256 of a heading row's normalised, non-empty headings: the key a saved mapping is found by."""
    names = [header_key(cell) for cell in cells]
    return hashlib.sha256("|".join(name for name in names if name).encode()).hexdigest()


def columns_by_synonyms(cells: list | tuple) -> dict[str, int]:
    """{field: column index} for the headings recognised; each column feeds one field at most.

    Fields are served in order (required first), each taking its best-ranked unused heading.
    """
    names = [header_key(cell) if isinstance(cell, str) else "" for cell in cells]
    taken: set[int] = set()
    columns: dict[str, int] = {}
    for spec in FIELDS:
        ranks = _RANKS[spec.name]
        candidates = [(ranks[name], index) for index, name in enumerate(names) if name in ranks and index not in taken]
        if candidates:
            columns[spec.name] = min(candidates)[1]
            taken.add(columns[spec.name])
    return columns


def columns_by_mapping(cells: list | tuple, mapping: dict[str, str]) -> dict[str, int]:
    """{field: column index} from a saved {field: heading} mapping, matching headings normalised."""
    positions = {}
    for index, cell in enumerate(cells):
        name = header_key(cell)
        if name and name not in positions:
            positions[name] = index
    return {field: positions[header_key(heading)] for field, heading in mapping.items()
            if field in LABELS and header_key(heading) in positions}


def missing_required(columns: dict[str, int]) -> list[str]:
    return [name for name in REQUIRED_FIELDS if name not in columns]
