"""Importing a supplier file: all or nothing, and loading the same file twice adds nothing twice."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from procure.core.audit import audit_record
from procure.core.errors import BusinessRuleViolation, ImportRejected
from procure.organisations.models import Organisation
from procure.suppliers import rules
from procure.suppliers.choices import AliasKind, SupplierImportStatus, SupplierSize, SupplierSource
from procure.suppliers.matching import normalise_name
from procure.suppliers.models import Supplier, SupplierClassification, SupplierImport
from procure.suppliers.services.register import supplier_alias_add, supplier_classify, supplier_create, supplier_update
from procure.suppliers.supplier_files import SupplierRow, parse_rows, read_table


@dataclass
class SupplierImportReport:
    """What an import did, line by line where it could not."""

    file: str
    checksum: str = ""
    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int | None, str]] = field(default_factory=list)
    status: str = SupplierImportStatus.COMPLETED
    message: str = ""
    import_id: int | None = None

    @property
    def is_rejected(self) -> bool:
        return self.status == SupplierImportStatus.REJECTED

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "lines": self.lines, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "rejected": [{"line": line, "reason": reason}
                                                          for line, reason in self.rejected],
                "status": str(self.status)}


def suppliers_import(*, organisation: Organisation, path_or_file: str | Path | IO[bytes] | bytes, file_name: str,
                     actor) -> SupplierImportReport:
    """Load a supplier file (CSV or XLSX) into the register.

    Rows match existing suppliers by company number, then by normalised legal name; changed fields are
    updated (audited), unchanged rows are left alone, new suppliers are added (verified, source 'supplier
    file'). A blank cell leaves the register's value as it is. If any row is bad nothing is written and the
    report names every bad line with a reason. The attempt itself is recorded (who, when, file, checksum).
    """
    data = _read_bytes(path_or_file)
    report = SupplierImportReport(file=file_name, checksum=hashlib.sha256(data).hexdigest())
    try:
        with transaction.atomic():
            _load(organisation=organisation, data=data, report=report, actor=actor)
    except ImportRejected as rejected:
        report.created = report.updated = report.unchanged = 0
        report.status = SupplierImportStatus.REJECTED
        report.rejected = rejected.problems or [(None, rejected.message)]
        report.message = rejected.message
    _record(organisation=organisation, report=report, actor=actor)
    return report


def _read_bytes(path_or_file: str | Path | IO[bytes] | bytes) -> bytes:
    if isinstance(path_or_file, bytes):
        return path_or_file
    if isinstance(path_or_file, str | Path):
        return Path(path_or_file).read_bytes()
    if hasattr(path_or_file, "chunks"):
        return b"".join(path_or_file.chunks())
    return path_or_file.read()


def _load(*, organisation: Organisation, data: bytes, report: SupplierImportReport, actor) -> None:
    rows, problems, report.lines = parse_rows(read_table(data, report.file))
    if problems:
        raise ImportRejected(_rejection_message(problems), problems)
    register = _Register(organisation)
    for row in rows:
        try:
            outcome = _apply(row=row, register=register, organisation=organisation, actor=actor)
        except BusinessRuleViolation as violation:
            problems.append((row.line, violation.message))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    if problems:
        raise ImportRejected(_rejection_message(problems), problems)


def _rejection_message(problems: list) -> str:
    count = len(problems)
    return f"{count} line{'s' if count != 1 else ''} of the file cannot be imported, so nothing was imported"


class _Register:
    """The organisation's suppliers by company number and by normalised name, kept current during the import."""

    def __init__(self, organisation: Organisation):
        self.by_number: dict[str, Supplier] = {}
        self.by_name: dict[str, list[Supplier]] = defaultdict(list)
        suppliers = Supplier.objects.filter(organisation=organisation).prefetch_related("classifications", "aliases")
        for supplier in suppliers:
            self.remember(supplier)

    def remember(self, supplier: Supplier) -> None:
        if supplier.companies_house_number:
            self.by_number[supplier.companies_house_number] = supplier
        if supplier not in self.by_name[supplier.normalised_name]:
            self.by_name[supplier.normalised_name].append(supplier)

    def find(self, row: SupplierRow) -> Supplier | None:
        """SUP-11: a row is the supplier with its company number, else the one supplier with its name."""
        if row.company_number in self.by_number:
            return self.by_number[row.company_number]
        named = self.by_name.get(row.normalised_name, [])
        if len(named) > 1:
            raise BusinessRuleViolation(code="SUP-11", message=f"{len(named)} suppliers in the register are called "
                                        f"{row.name}: add the company number to say which")
        if not named:
            return None
        supplier = named[0]
        if row.company_number and supplier.companies_house_number not in ("", row.company_number):
            raise BusinessRuleViolation(
                code="SUP-11", message=f"the register's {supplier.name} has company number "
                f"{supplier.companies_house_number}, not {row.company_number}: correct the file or the register")
        return supplier


def _apply(*, row: SupplierRow, register: _Register, organisation: Organisation, actor) -> str:
    """Create, update or leave one supplier; returns 'created', 'updated' or 'unchanged'."""
    supplier = register.find(row)
    if supplier is None:
        supplier = supplier_create(
            organisation=organisation, name=row.name, actor=actor, size=row.size, is_vcse=bool(row.is_vcse),
            classified_from=row.classified_from, source=SupplierSource.SUPPLIER_FILE, is_verified=True,
            **row.fields)
        _add_trading_name(supplier, row, actor)
        register.remember(supplier)
        return "created"
    changed = _update_fields(supplier, row, actor)
    changed = _update_classification(supplier, row, actor) or changed
    changed = _add_trading_name(supplier, row, actor) or changed
    register.remember(supplier)
    return "updated" if changed else "unchanged"


def _update_fields(supplier: Supplier, row: SupplierRow, actor) -> bool:
    stated = {"name": row.name, **row.fields, "is_verified": True}
    changes = {name: value for name, value in stated.items() if getattr(supplier, name) != value}
    if changes:
        supplier_update(supplier=supplier, actor=actor, **changes)
    return bool(changes)


def _update_classification(supplier: Supplier, row: SupplierRow, actor) -> bool:
    if row.size is None and row.is_vcse is None:
        return False
    today = timezone.localdate()
    current = _classification_on(supplier, today)
    size = row.size if row.size is not None else (current.size if current else SupplierSize.UNKNOWN)
    is_vcse = row.is_vcse if row.is_vcse is not None else bool(current and current.is_vcse)
    if current is not None and (current.size, current.is_vcse) == (size, is_vcse):
        return False
    valid_from = rules.classification_date_for_change(
        has_classification=current is not None, stated_from=row.classified_from, today=today)
    same_date = next((c for c in supplier.classifications.all() if c.valid_from == valid_from), None)
    if same_date is not None and (same_date.size, same_date.is_vcse) == (size, is_vcse):
        return False
    supplier_classify(supplier=supplier, valid_from=valid_from, size=size, is_vcse=is_vcse, actor=actor)
    getattr(supplier, "_prefetched_objects_cache", {}).pop("classifications", None)
    return True


def _classification_on(supplier: Supplier, on: date) -> SupplierClassification | None:
    held = [c for c in supplier.classifications.all() if c.valid_from <= on]
    return max(held, key=lambda c: c.valid_from, default=None)


def _add_trading_name(supplier: Supplier, row: SupplierRow, actor) -> bool:
    normalised = normalise_name(row.trading_name)
    if not normalised or normalised == supplier.normalised_name:
        return False
    if any(alias.normalised_name == normalised for alias in supplier.aliases.all()):
        return False
    supplier_alias_add(supplier=supplier, name=row.trading_name, kind=AliasKind.TRADING_NAME, actor=actor)
    getattr(supplier, "_prefetched_objects_cache", {}).pop("aliases", None)
    return True


def _record(*, organisation: Organisation, report: SupplierImportReport, actor) -> None:
    record = SupplierImport.objects.create(
        organisation=organisation, file_name=report.file[:255], checksum=report.checksum,
        imported_by=actor if getattr(actor, "pk", None) else None, status=report.status, lines=report.lines,
        created=report.created, updated=report.updated, unchanged=report.unchanged,
        rejected=report.as_dict()["rejected"])
    report.import_id = record.pk
    audit_record(actor=actor, action=f"supplier_import.{report.status}", subject=record,
                 after={**report.as_dict(), "checksum": report.checksum}, organisation=organisation)
