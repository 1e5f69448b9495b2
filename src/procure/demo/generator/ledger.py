"""Writing each year's payments as one completed import of a demo ledger file, loaded by the system."""

import csv
import hashlib
import io
from decimal import Decimal

from django.utils import timezone

from procure.contracts.models import Category
from procure.core.dates import FinancialYear
from procure.demo.generator.audit import audit_created
from procure.demo.generator.catalogue import DEPARTMENTS
from procure.demo.generator.inserts import insert_rows
from procure.demo.generator.spend import SPECS, LinePlan
from procure.organisations.models import Department, Organisation
from procure.spend.choices import ImportStatus
from procure.spend.models import SpendImport, SpendLine
from procure.suppliers.matching import normalise_name
from procure.suppliers.models import Supplier

DEPARTMENT_NAMES = dict(DEPARTMENTS)
HEADERS = ("Payment Date", "Transaction Number", "Supplier Name", "Company Number", "Invoice Number",
           "Amount",
           "Expense Type", "Category", "Cost Centre", "Department", "Description")
MAPPING = {"payment_date": "Payment Date", "transaction_reference": "Transaction Number",
           "payee_name": "Supplier Name", "payee_company_number": "Company Number",
           "invoice_reference": "Invoice Number", "amount": "Amount", "expense_type": "Expense Type",
           "category_label": "Category", "department_code": "Cost Centre", "department_label": "Department",
           "description": "Description"}


def write_year(demo: Organisation, year: FinancialYear, plans: list[LinePlan], *, suppliers: list[Supplier],
               categories: dict[str, Category], departments: dict[str, Department], note: str) -> SpendImport:
    plans = sorted(plans,
                   key=lambda line: line.payment_date)  # the ledger lists payments by date; sort is stable
    rows = [_row(year, number, line) for number, line in enumerate(plans, start=1)]
    content = _csv(rows)
    total = sum((Decimal(line.pennies).scaleb(-2) for line in plans), Decimal("0.00"))
    now = timezone.now()
    spend_import = SpendImport.objects.create(
        organisation=demo, file_name=f"demo-ledger-{year.start_year}-{(year.start_year + 1) % 100:02d}.csv",
        checksum=hashlib.sha256(content).hexdigest(), size_bytes=len(content), layout="Demo ledger",
        mapping=MAPPING, uploaded_by=None, status=ImportStatus.COMPLETED, lines=len(plans), total=total,
        file_total=total, file_total_source="Sum of the Amount column", message=note,
        progress_done=len(plans), progress_total=len(plans), started_at=now, finished_at=now,
        headers=list(HEADERS), payees_linked=len({line.supplier.ledger_name for line in plans}),
    )
    normalised: dict[str, str] = {}
    insert_rows(SpendLine, (
        _spend_line(demo, spend_import, number, line, row, suppliers, categories, departments, normalised)
        for number, (line, row) in enumerate(zip(plans, rows, strict=True), start=1)))
    audit_created([spend_import], action="spend_import.completed", organisation=demo)
    return spend_import


def _row(year: FinancialYear, number: int, line: LinePlan) -> dict[str, str]:
    supplier = line.supplier
    spec = SPECS.get(line.category_code)
    return {
        "Payment Date": line.payment_date.strftime("%d/%m/%Y"),
        "Transaction Number": f"AP{year.start_year % 100:02d}{(year.start_year + 1) % 100:02d}{number:06d}",
        "Supplier Name": supplier.ledger_name,
        "Company Number": supplier.companies_house_number if supplier.ledger_has_company_number else "",
        "Invoice Number": line.invoice_reference,
        "Amount": str(Decimal(line.pennies).scaleb(-2)),
        "Expense Type": line.expense,
        "Category": spec.path if spec else "",
        "Cost Centre": line.department,
        "Department": DEPARTMENT_NAMES[line.department],
        "Description": line.description,
    }


def _csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADERS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _spend_line(demo, spend_import, number, line: LinePlan, row, suppliers, categories, departments,
                normalised: dict[str, str]) -> dict:
    payee = row["Supplier Name"]
    if payee not in normalised:
        normalised[payee] = normalise_name(payee)
    category = categories.get(line.category_code)
    return {
        "organisation_id": demo.pk, "spend_import_id": spend_import.pk, "line_number": number + 1,
        "payment_date": line.payment_date, "amount": Decimal(line.pennies).scaleb(-2),
        "transaction_reference": row["Transaction Number"], "invoice_reference": line.invoice_reference,
        "payee_name": payee, "payee_normalised": normalised[payee],
        "payee_company_number": row["Company Number"],
        "supplier_id": suppliers[line.supplier.index].pk, "expense_type": line.expense,
        "category_label": row["Category"], "category_id": category.pk if category else None,
        "department_label": row["Department"], "department_code": row["Cost Centre"],
        "department_id": departments[line.department].pk, "description": line.description,
    }
