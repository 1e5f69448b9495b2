"""Reading supplier files (CSV or XLSX) into checked rows. No database: the import service applies them.

Line numbers are the row numbers a spreadsheet shows (the first row is line 1), so a person can find them.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from procure.core.dates import parse_uk_date
from procure.core.errors import ImportRejected
from procure.core.tabular import cell_text, find_header_row, header_key, is_blank_row, read_sheets
from procure.suppliers import rules
from procure.suppliers.choices import SupplierSize
from procure.suppliers.matching import normalise_company_number, normalise_name
from procure.suppliers.models import Supplier

HEADER_SEARCH_ROWS = 20
FILE_SUFFIXES = ("csv", "xlsx", "xlsm")
WORDING = {"not_a_workbook": "The file could not be read as an Excel (XLSX) workbook ({detail})",
           "csv_malformed": "The file could not be read as CSV ({detail})"}

# Each field, and the headers files give it (compared lower case, letters and digits only).
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("suppliername", "name", "legalname", "supplier", "supplierlegalname", "companyname",
             "organisationname", "organizationname", "vendorname", "beneficiaryname", "payeename"),
    "companies_house_number": ("companynumber", "companieshouseno", "companieshousenumber", "companyno",
                               "companyregno", "companyregistrationnumber", "companyregistrationno",
                               "registeredcompanynumber", "crn", "chnumber", "chno"),
    "charity_number": ("charitynumber", "charityno", "registeredcharitynumber", "charityregistrationnumber",
                       "charityregno"),
    "vat_number": ("vatnumber", "vatregistrationnumber", "vatregistrationno", "vatno", "vatregno", "vat"),
    "address_line_1": ("address1", "addressline1", "address", "street", "streetaddress"),
    "address_line_2": ("address2", "addressline2", "locality"),
    "town": ("town", "city", "towncity", "posttown"),
    "postcode": ("postcode", "postalcode"),
    "size": ("size", "sizeband", "suppliersize", "organisationsize", "companysize", "sizeofsupplier",
             "businesssize"),
    "sme": ("sme", "smestatus", "issme", "smeflag", "smeyn"),
    "is_vcse": ("vcse", "voluntarysector", "isvcse", "vcsestatus", "voluntarycommunityorsocialenterprise",
                "voluntarycommunityandsocialenterprise", "thirdsector"),
    "is_living_wage_accredited": ("livingwage", "livingwageaccredited", "livingwageemployer", "reallivingwage",
                                  "livingwageaccreditation", "accreditedlivingwageemployer"),
    "trading_name": ("tradingname", "tradingas", "alsoknownas", "aka"),
    "classified_from": ("sizefrom", "classifiedfrom", "sizevalidfrom", "sizeasat", "classificationdate"),
}
_HEADER_FIELDS = {header: name for name, headers in HEADERS.items() for header in headers}
_TEXT_FIELDS = ("charity_number", "vat_number", "address_line_1", "address_line_2", "town")

Table = list[Sequence[Any]]  # the rows of one sheet: row i is line i + 1


@dataclass
class SupplierRow:
    """One supplier as a file states it; `fields` holds only the model fields the row fills in."""

    line: int
    name: str
    fields: dict[str, Any] = field(default_factory=dict)
    size: str | None = None
    is_vcse: bool | None = None
    classified_from: date | None = None
    trading_name: str = ""

    @property
    def company_number(self) -> str:
        return self.fields.get("companies_house_number", "")

    @property
    def normalised_name(self) -> str:
        return normalise_name(self.name)


def read_table(data: bytes, file_name: str) -> Table:
    """Every row of the file (of the first sheet with a supplier header, for a workbook)."""
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    if suffix not in FILE_SUFFIXES:
        raise ImportRejected(
            f"{file_name} is not a CSV or Excel (XLSX) file: save it as one of those and try again")
    tables = [[cells for _, cells in sheet.rows] for sheet in read_sheets(data, file_name, wording=WORDING)]
    with_header = (table for table in tables if find_header(table, required=False))
    return next(with_header, tables[0] if tables else [])


def find_header(table: Table, *, required: bool = True) -> tuple[int, dict[str, int]] | None:
    """The header row (its index) and the column of each field it names; None, or ImportRejected, if none."""
    index = find_header_row(table, lambda row: "name" in _columns(row), search_rows=HEADER_SEARCH_ROWS)
    if index is not None:
        return index, _columns(table[index])
    if required:
        raise ImportRejected(
            "No header row was found in the first 20 lines: the file needs a column for the supplier's name, "
            "headed like 'Supplier Name', 'Name' or 'Legal name'", [(None, "no header row with a name column")])
    return None


def _columns(row: Sequence[Any]) -> dict[str, int]:
    """The column of each field a row names (the first column naming it)."""
    columns: dict[str, int] = {}
    for column, value in enumerate(row):
        name = _HEADER_FIELDS.get(header_key(value))
        if name is not None and name not in columns:
            columns[name] = column
    return columns


def parse_rows(table: Table) -> tuple[list[SupplierRow], list[tuple[int | None, str]], int]:
    """(rows, problems, lines read). Blank rows are skipped; every bad row is named with its line."""
    if all(is_blank_row(row) for row in table):
        raise ImportRejected("The file is empty", [(None, "the file has no rows")])
    header_index, columns = find_header(table)
    rows: list[SupplierRow] = []
    problems: list[tuple[int | None, str]] = []
    lines = 0
    for index in range(header_index + 1, len(table)):
        cells = {name: table[index][column] if column < len(table[index]) else None
                 for name, column in columns.items()}
        if is_blank_row(cells.values()):
            continue
        lines += 1
        try:
            rows.append(parse_row(index + 1, cells))
        except ValueError as error:
            problems.append((index + 1, str(error)))
    problems += duplicate_problems(rows)
    return rows, sorted(problems, key=lambda problem: problem[0] or 0), lines


def parse_row(line: int, cells: dict[str, Any]) -> SupplierRow:
    """One row's cells to a SupplierRow; ValueError with every problem of the row in one sentence."""
    reasons: list[str] = []
    row = SupplierRow(line=line, name=cell_text(cells.get("name")))
    if not row.name:
        reasons.append("Enter the supplier's name: the name cell is empty")
    for reader in (_read_identifiers, _read_address, _read_classification, _read_living_wage):
        reasons += reader(row, cells)
    row.trading_name = cell_text(cells.get("trading_name"))
    reasons += _too_long(row)
    if reasons:
        raise ValueError("; ".join(reasons))
    return row


def _read_identifiers(row: SupplierRow, cells: dict[str, Any]) -> list[str]:
    raw = cell_text(cells.get("companies_house_number"))
    number = normalise_company_number(raw)
    if number:
        if not rules.is_valid_company_number(number):
            return [f"'{raw}' is not a Companies House number: it has 8 characters, like 01234567 or SC123456"]
        row.fields["companies_house_number"] = number
    for name in ("charity_number", "vat_number"):
        if text := cell_text(cells.get(name)).upper():
            row.fields[name] = text.replace(" ", "") if name == "vat_number" else text
    return []


def _read_address(row: SupplierRow, cells: dict[str, Any]) -> list[str]:
    for name in ("address_line_1", "address_line_2", "town"):
        if text := cell_text(cells.get(name)):
            row.fields[name] = text
    postcode = cell_text(cells.get("postcode"))
    if not postcode:
        return []
    if not rules.is_valid_postcode(postcode):
        return [f"'{postcode}' is not a UK postcode: write it like PR4 5SB"]
    row.fields["postcode"] = rules.normalise_postcode(postcode)
    return []


def _read_classification(row: SupplierRow, cells: dict[str, Any]) -> list[str]:
    reasons: list[str] = []
    band = sme = None
    try:
        band = rules.size_from_text(cell_text(cells.get("size")))
        sme = rules.size_from_text(cell_text(cells.get("sme")))
    except ValueError as error:
        reasons.append(str(error))
    if not rules.sizes_agree(band, sme):
        reasons.append(f"the size is {band} but the SME column says {'yes' if rules.is_sme(sme) else 'no'}")
    row.size = sme if band in (None, SupplierSize.UNKNOWN) and sme is not None else band
    try:
        row.is_vcse = rules.yes_no_from_text(cell_text(cells.get("is_vcse")), what="VCSE")
    except ValueError as error:
        reasons.append(str(error))
    if cell_text(cells.get("classified_from")):
        try:
            row.classified_from = parse_uk_date(cells["classified_from"])
        except ValueError as error:
            reasons.append(f"the size date: {error}")
    return reasons


def _read_living_wage(row: SupplierRow, cells: dict[str, Any]) -> list[str]:
    value = cells.get("is_living_wage_accredited")
    text = cell_text(value)
    try:
        accredited = rules.yes_no_from_text(text, what="Living Wage")
    except ValueError as error:
        try:
            row.fields["living_wage_accredited_on"] = parse_uk_date(value if isinstance(value, date) else text)
        except ValueError:
            return [f"{error}, or the date of accreditation"]
        accredited = True
    if accredited is not None:
        row.fields["is_living_wage_accredited"] = accredited
    return []


def _too_long(row: SupplierRow) -> list[str]:
    values = {"name": row.name, **{name: row.fields.get(name, "") for name in _TEXT_FIELDS}}
    reasons = []
    for name, value in values.items():
        limit = Supplier._meta.get_field(name).max_length
        if len(value) > limit:
            label = Supplier._meta.get_field(name).verbose_name
            reasons.append(f"the {label} is longer than {limit} characters")
    return reasons


def duplicate_problems(rows: list[SupplierRow]) -> list[tuple[int | None, str]]:
    """A supplier may be on one line only: the same company number, or the same name without one, twice."""
    problems: list[tuple[int | None, str]] = []
    by_number: dict[str, int] = {}
    by_name: dict[str, SupplierRow] = {}
    for row in rows:
        if row.company_number:
            if row.company_number in by_number:
                problems.append((row.line, f"company number {row.company_number} is also on line "
                                            f"{by_number[row.company_number]}"))
                continue
            by_number[row.company_number] = row.line
        first = by_name.get(row.normalised_name)
        if first is not None and not (first.company_number and row.company_number):
            problems.append((row.line, f"{row.name} is also on line {first.line}"))
            continue
        by_name.setdefault(row.normalised_name, row)
    return problems
