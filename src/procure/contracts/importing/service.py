"""Importing a contracts register file: all or nothing, idempotent by contract reference, audited."""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from procure.contracts import services
from procure.contracts.choices import ContractImportStatus
from procure.contracts.importing.layout import Layout, find_layout
from procure.contracts.importing.lookups import Lookups
from procure.contracts.importing.reading import read_rows
from procure.contracts.importing.rows import ContractRow, SupplierRef, parse_row
from procure.contracts.models import Contract, ContractImport
from procure.core.errors import BusinessRuleViolation, ImportRejected
from procure.organisations.models import Organisation, User
from procure.suppliers.choices import SupplierSource
from procure.suppliers.matching import normalise_company_number, normalise_name
from procure.suppliers.models import Supplier
from procure.suppliers.services import PayeeInput, payees_resolve, supplier_create

# columns that, when the file has them, set these fields (fields without a column are left as they are)
FIELD_COLUMNS = {
    "title": "title", "description": "description", "department": "department", "route": "route",
    "framework": "framework", "collaborative_bodies": "collaborative_bodies", "starts_on": "starts_on",
    "ends_on": "ends_on", "review_due_on": "review_due_on", "total_value_net": "total_value_net",
    "total_value_gross": "total_value_gross", "annual_value_net": "annual_value_net",
    "annual_value_gross": "annual_value_gross", "is_managed_by_procurement": "is_managed_by_procurement",
}


@dataclass
class ContractImportResult:
    file: str
    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[dict] = field(default_factory=list)
    status: str = ContractImportStatus.COMPLETED
    layout: str = ""
    message: str = ""
    record: ContractImport | None = None

    def as_json(self) -> dict:
        return {"file": self.file, "lines": self.lines, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "rejected": self.rejected, "status": str(self.status),
                "layout": self.layout, "message": self.message}


@dataclass
class _Resolved:
    row: ContractRow
    fields: dict
    suppliers: list = field(default_factory=list)
    categories: list | None = None
    cpv_codes: list | None = None


def contract_import(*, organisation: Organisation, file_name: str, content: bytes,
                    actor: User | None) -> ContractImportResult:
    """Load a contracts file. If any line is bad nothing is written and every bad line is named."""
    result = ContractImportResult(file=file_name)
    try:
        rows = read_rows(content, file_name)
        layout = find_layout(rows)
        result.layout = layout.name
        parsed = [parse_row(layout, line, cells) for line, cells in rows if line > layout.header_line]
        result.lines = len(parsed)
        if not parsed:
            raise ImportRejected(
                f"The file has a header row (line {layout.header_line}) but no contracts under it")
        with transaction.atomic():
            _import(organisation, layout, parsed, actor, result)
            result.record = _record(organisation, file_name, content, actor, result, parsed)
    except ImportRejected as rejected:
        result.status = ContractImportStatus.REJECTED
        result.created = result.updated = result.unchanged = 0
        result.message = rejected.message
        result.rejected = [{"line": line, "reason": reason} for line, reason in rejected.problems]
        result.record = _record(organisation, file_name, content, actor, result, [])
    return result


def _record(organisation, file_name, content, actor, result, rows) -> ContractImport:
    total = sum((row.total_value_net or Decimal("0")) for row in rows)
    return ContractImport.objects.create(
        organisation=organisation, file_name=file_name[:255], checksum=hashlib.sha256(content).hexdigest(),
        size_bytes=len(content), layout=result.layout, status=result.status, lines=result.lines,
        created=result.created, updated=result.updated, unchanged=result.unchanged, total=total,
        rejected=result.rejected, message=result.message,
        imported_by=actor if getattr(actor, "pk", None) else None)


def _reject_if_problems(rows: list[ContractRow]) -> None:
    problems = [(row.line, reason) for row in rows for reason in row.problems]
    if problems:
        lines = len({line for line, _ in problems})
        raise ImportRejected(f"Nothing was imported: {lines} line(s) have problems to correct", problems)


def _import(organisation, layout: Layout, rows: list[ContractRow], actor,
            result: ContractImportResult) -> None:
    lookups = Lookups(organisation, rows)
    _mark_repeated_references(rows)
    resolved = [_resolve(row, layout, lookups) for row in rows]
    _reject_if_problems(rows)
    suppliers = _suppliers(organisation, rows, actor)
    _reject_if_problems(rows)
    frameworks = {key: services.framework_create(organisation=organisation, actor=actor, **values)
                  for key, values in lookups.new_frameworks.items()}
    existing = {contract.reference: contract for contract in Contract.objects.filter(
        organisation=organisation, reference__in=[row.reference for row in rows]).select_related(
        "department", "framework").prefetch_related(
        "suppliers", "categories", "cpv_codes", "extensions")}
    for item in resolved:
        item.suppliers = [suppliers[_supplier_key(ref)] for ref in item.row.suppliers]
        if isinstance(item.fields.get("framework"), tuple):
            item.fields["framework"] = frameworks[item.fields["framework"]]
        try:
            outcome = _write(organisation, layout, item, existing.get(item.row.reference), actor)
        except BusinessRuleViolation as error:
            item.row.problems.append(error.message)
            continue
        setattr(result, outcome, getattr(result, outcome) + 1)
    _reject_if_problems(rows)


def _mark_repeated_references(rows: list[ContractRow]) -> None:
    first_line: dict[str, int] = {}
    for row in rows:
        if not row.reference:
            continue
        if row.reference in first_line:
            row.problems.append(f"Reference {row.reference} is also on line {first_line[row.reference]}: "
                                "each contract goes on one line")
        first_line.setdefault(row.reference, row.line)


def _resolve(row: ContractRow, layout: Layout, lookups: Lookups) -> _Resolved:
    present = set(layout.columns)
    values = {
        "title": row.title, "description": row.description, "department": lookups.department(row),
        "route": row.route, "framework": lookups.framework(row),
        "collaborative_bodies": row.collaborative_bodies,
        "starts_on": row.starts_on, "ends_on": row.ends_on, "review_due_on": row.review_due_on,
        "total_value_net": row.total_value_net, "total_value_gross": row.total_value_gross,
        "annual_value_net": row.annual_value_net, "annual_value_gross": row.annual_value_gross,
        "is_managed_by_procurement": row.is_managed_by_procurement,
    }
    fields = {name: value for name, value in values.items()
              if FIELD_COLUMNS[name] in present or (name == "route" and "framework" in present)}
    return _Resolved(row, fields,
                     categories=lookups.category_list(row) if "category" in present else None,
                     cpv_codes=lookups.cpv_list(row) if "cpv_codes" in present else None)


def _supplier_key(ref: SupplierRef) -> str:
    return normalise_company_number(ref.company_number) or normalise_name(ref.name) or ref.name


def _suppliers(organisation, rows: list[ContractRow], actor) -> dict[str, object]:
    """Every supplier the file names, found by company number or name; new ones added, marked as such."""
    refs = {_supplier_key(ref): ref for row in rows for ref in row.suppliers}
    payees = [PayeeInput(ref.name, ref.company_number) for ref in refs.values()]
    resolutions = payees_resolve(organisation=organisation, payees=payees, actor=actor, create_missing=False)
    found: dict[str, object] = {}
    for key, ref in refs.items():
        resolution = resolutions[ref.name]
        if resolution.supplier_id is not None:
            found[key] = resolution.supplier_id
        elif resolution.method == "review":
            close = " and ".join(suggestion.name for suggestion in resolution.suggestions[:3])
            _supplier_problem(rows, ref, f"Supplier '{ref.name}' is close to {close} in the supplier "
                              "register: use the register's exact name, or add the supplier's company number")
        else:
            try:
                found[key] = supplier_create(
                    organisation=organisation, name=ref.name, actor=actor, is_vcse=ref.is_vcse,
                    source=SupplierSource.CONTRACT_FILE, companies_house_number=ref.company_number,
                    charity_number=ref.charity_number[:12]).pk
            except BusinessRuleViolation as error:
                _supplier_problem(rows, ref, f"Supplier '{ref.name}': {error.message}")
    suppliers = Supplier.objects.in_bulk(set(found.values()))
    return {key: suppliers[supplier_id] for key, supplier_id in found.items()}


def _supplier_problem(rows: list[ContractRow], ref: SupplierRef, reason: str) -> None:
    for row in rows:
        if any(_supplier_key(other) == _supplier_key(ref) for other in row.suppliers):
            row.problems.append(reason)


def _write(organisation, layout: Layout, item: _Resolved, contract: Contract | None, actor) -> str:
    row = item.row
    extensions_given = bool({"extension_options", "extended_to"} & set(layout.columns))
    if contract is None:
        contract = services.contract_create(
            organisation=organisation, actor=actor, reference=row.reference, suppliers=item.suppliers,
            categories=item.categories or [], cpv_codes=item.cpv_codes or [], **item.fields)
        if extensions_given:
            _sync_extensions(contract, row, actor)
        return "created"
    if _same(contract, item, extensions_given):
        return "unchanged"
    services.contract_update(contract=contract, actor=actor, suppliers=item.suppliers,
                             categories=item.categories, cpv_codes=item.cpv_codes, **item.fields)
    if extensions_given:
        _sync_extensions(contract, row, actor)
    return "updated"


def _same(contract: Contract, item: _Resolved, extensions_given: bool) -> bool:
    if any(getattr(contract, name) != value for name, value in item.fields.items()):
        return False
    relations = (("suppliers", item.suppliers), ("categories", item.categories),
                 ("cpv_codes", item.cpv_codes))
    for name, wanted in relations:
        held = {obj.pk for obj in getattr(contract, name).all()}
        if wanted is not None and held != {obj.pk for obj in wanted}:
            return False
    if extensions_given:
        options = {(extension.ends_on, extension.is_exercised) for extension in contract.extensions.all()}
        if options != _wanted_options(item.row):
            return False
    return True


def _wanted_options(row: ContractRow) -> set:
    exercised = set(row.exercised)
    return {(day, day in exercised) for day in set(row.extension_options) | exercised}


def _sync_extensions(contract: Contract, row: ContractRow, actor) -> None:
    """Make the contract's extension options those of the file: add, exercise, withdraw."""
    wanted = dict(sorted(_wanted_options(row)))
    current = {extension.ends_on: extension for extension in contract.extensions.all()}
    for day, extension in current.items():
        if extension.is_exercised and not wanted.get(day):
            raise BusinessRuleViolation(code="CON-15", message=(
                f"The register shows the extension to {day:%d/%m/%Y} exercised, which the file does not: "
                "an exercised extension cannot be undone by a file"))
        if day not in wanted:
            services.contract_extension_remove(extension=extension, actor=actor)
    for day in wanted:
        if day not in current:
            current[day] = services.contract_extension_add(contract=contract, ends_on=day, actor=actor)
    for day, exercise in wanted.items():
        if exercise and not current[day].is_exercised:
            services.contract_extension_exercise(extension=current[day], actor=actor,
                                                 exercised_on=timezone.localdate())
    contract.refresh_from_db()

