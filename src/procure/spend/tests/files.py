"""Small spend files written by the tests themselves."""

import csv
from pathlib import Path

from openpyxl import Workbook

LGA_HEADINGS = ["OrganisationLabel", "EffectiveDate", "OrganisationalUnit", "BeneficiaryName", "PaymentDate",
                "TransactionNumber", "Amount", "Purpose", "ProclassLabel", "ProclassCode", "ProfitCentre"]


def write_csv(path: Path, rows: list[list], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def lga_row(payee: str, amount: str, *, paid: str = "03/04/2024", reference: str = "T1", unit: str = "Estates",
            purpose: str = "Repairs", label: str = "", code: str = "", profit_centre: str = "") -> list[str]:
    return ["Lancashire Constabulary", "30/04/2024", unit, payee, paid, reference, amount, purpose, label, code,
            profit_centre]


def lga_file(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, [LGA_HEADINGS, *rows])
