"""Which column is which: the Procure layout, the LGA transparency contracts layout and the usual variants
of their headers. The header row need not be the first row: the row near the top naming most columns is it.

The Procure layout (docs/samples/contracts.csv is an example), one contract a line:
    Reference, Title, Supplier name, Start date, End date      needed
    Description, Department (code or name), Review date
    Supplier company number, Supplier charity number, Supplier VCSE (Yes/No)
    Category           ProClass code, name or path ('191400', 'Lifts', 'Vehicle Management > Leasing')
    CPV codes          e.g. '79710000-4' (the check digit may be left off)
    Route to market    own tender, framework call-off, collaborative, direct award or exempt
    Framework, Framework provider, Framework reference, Collaborative bodies
    Extension options  end dates the contract may be extended to
    Extended to        the end date of the last extension exercised (options up to it count as exercised)
    Total value (net of VAT), Total value (including VAT), Annual value (net of VAT),
    Annual value (including VAT), Managed by procurement (Yes/No)
Several suppliers, company numbers, categories or dates go in one cell separated by ';'. Dates are day
first (31/03/2027) or ISO; amounts may carry '£' and thousands separators.

The LGA layout (Local Government Transparency Code, Contracts.json) is read from ContractReference,
ContractTitle, Description, OrganisationalUnit, ProclassCode / ProclassLabel / ProcurementCategory, CPVCode,
StartDate, EndDate, ReviewDate, LastExtensionDate (an option), ContractValue, SupplierName,
CompaniesHouseRegistrationNumber, CharityCommissionNumber and VCSESupplier.
"""

import re
from dataclasses import dataclass

from procure.core.errors import ImportRejected
from procure.core.tabular import cell_text, find_header_row, header_key

PROCURE_LAYOUT = "Procure contracts register"
LGA_LAYOUT = "LGA transparency contracts"
HEADER_SEARCH_ROWS = 25

# field: header spellings with case, spaces and punctuation removed, the most specific first
HEADERS: dict[str, tuple[str, ...]] = {
    "reference": ("reference", "contractreference", "contractref", "ref", "contractid",
                  "contractreferencenumber",
                  "contractreferencenumberid", "contractnumber", "contractno", "referencenumber"),
    "title": ("title", "contracttitle", "contractname", "nameofcontract", "titleoftheagreement"),
    "description": ("description", "contractdescription", "descriptionofgoodsandservices", "summary"),
    "supplier_name": ("suppliername", "supplier", "suppliers", "suppliernames", "contractor",
                      "contractorname",
                      "awardedsupplier"),
    "supplier_company_number": ("suppliercompanynumber", "suppliercompanyid", "companynumber",
                                "companieshousenumber", "companieshouseregistrationnumber",
                                "supplierregisteredcompanynumber", "companyregistrationnumber",
                                "registeredcompanynumber", "suppliercompanieshousenumber"),
    "supplier_charity_number": ("suppliercharitynumber", "charitynumber", "charitycommissionnumber",
                                "supplierregisteredcharitynumber", "registeredcharitynumber"),
    "supplier_is_vcse": ("suppliervcse", "vcsesupplier", "vcse"),
    "department": ("department", "departmentcode", "organisationalunit", "directorate", "costcentre"),
    "category": ("proclasscode", "category", "categorycode", "proclasscategory", "proclass", "proclasslabel",
                 "procurementcategory"),
    "cpv_codes": ("cpvcodes", "cpvcode", "cpv"),
    "route": ("routetomarket", "route", "procurementroute", "procurementprocedure", "processtype"),
    "framework": ("framework", "frameworkname", "frameworkagreement"),
    "framework_provider": ("frameworkprovider", "frameworkowner", "frameworkletby"),
    "framework_reference": ("frameworkreference", "frameworkref", "frameworknumber"),
    "collaborative_bodies": ("collaborativebodies", "collaborativepartners", "letjointlywith"),
    "starts_on": ("startdate", "contractstartdate", "start", "commencementdate"),
    "ends_on": ("enddate", "contractenddate", "end", "expirydate", "contractexpirydate"),
    "review_due_on": ("reviewdate", "contractreviewdate"),
    "extension_options": ("extensionoptions", "extensionoptionsto", "optionstoextend", "lastextensiondate",
                          "extensionperiod", "extensionenddate"),
    "extended_to": ("extendedto", "extensionexercisedto", "exercisedextensionto"),
    "total_value_net": ("totalvaluenetofvat", "totalvaluenet", "totalvalueexvat", "totalvalue",
                        "contractvalue",
                        "totalcontractvalue", "value", "valuenet", "estimatedvalue"),
    "total_value_gross": ("totalvalueincludingvat", "totalvaluegross", "totalvalueincvat",
                          "valueincludingvat",
                          "valueincvat", "valuegross"),
    "annual_value_net": ("annualvaluenetofvat", "annualvaluenet", "annualvalueexvat", "annualvalue",
                         "valueperannum", "annualcontractvalue"),
    "annual_value_gross": ("annualvalueincludingvat", "annualvaluegross", "annualvalueincvat"),
    "is_managed_by_procurement": ("managedbyprocurement", "managedbyprocurementteam", "procurementmanaged"),
}
REQUIRED = ("reference", "title", "supplier_name", "starts_on", "ends_on")
LABELS = {"reference": "Reference", "title": "Title", "supplier_name": "Supplier name",
          "starts_on": "Start date", "ends_on": "End date"}
_LGA_SIGNS = {"contractreference", "contracttitle", "organisationalunit", "companieshouseregistrationnumber",
              "charitycommissionnumber", "proclasscode", "smesupplier", "vcsesupplier", "lastextensiondate"}
_BRACKETS = re.compile(r"\([^)]*\)")


def _header_keys(text: object) -> list[str]:
    """The header as written, then without a bracketed note ('Start date (dd/mm/yyyy)')."""
    return list(dict.fromkeys([header_key(text), header_key(_BRACKETS.sub("", str(text or "")))]))


@dataclass
class Layout:
    name: str
    header_line: int
    columns: dict[str, list[int]]  # field: column indexes, best first (several may feed 'category')
    headers: list[str]

    def header_of(self, field: str) -> str:
        indexes = self.columns.get(field)
        return self.headers[indexes[0]] if indexes else LABELS.get(field, field)


def _columns(cells: tuple) -> dict[str, list[int]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for index, cell in enumerate(cells):
        for key in _header_keys(cell):
            field, rank = _field_for(key)
            if field:
                found.setdefault(field, []).append((rank, index))
                break
    return {field: [index for _, index in sorted(ranked)] for field, ranked in found.items()}


def _field_for(key: str) -> tuple[str | None, int]:
    for field, spellings in HEADERS.items():
        if key in spellings:
            return field, spellings.index(key)
    return None, 0


def find_layout(rows: list[tuple[int, tuple]]) -> Layout:
    """The header row is the row near the top naming the most known columns (at least three)."""
    index = find_header_row(rows, lambda row: len(_columns(row[1])), search_rows=HEADER_SEARCH_ROWS,
                            minimum=3)
    if index is None:
        raise ImportRejected("No header row found: the file needs a row naming its columns, such as "
                             "Reference, Title, Supplier name, Start date and End date")
    line, cells = rows[index]
    columns = _columns(cells)
    missing = [LABELS[field] for field in REQUIRED if field not in columns]
    if missing:
        raise ImportRejected(f"The header row (line {line}) has no column for: {', '.join(missing)}")
    signs = {header_key(cell) for cell in cells} & _LGA_SIGNS
    name = LGA_LAYOUT if len(signs) >= 2 else PROCURE_LAYOUT
    return Layout(name, line, columns, [cell_text(cell) for cell in cells])
