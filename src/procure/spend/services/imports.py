"""Importing one spend file, all or nothing."""

import hashlib
from collections.abc import Callable
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from procure.core.audit import audit_record
from procure.core.errors import BusinessRuleViolation
from procure.core.money import ZERO, format_money
from procure.organisations.models import Organisation
from procure.spend.choices import ImportStatus, PayeeReviewStatus
from procure.spend.coverage.services import (
    coverage_after_import,
    coverage_after_import_removed,
    coverage_before_import_removed,
)
from procure.spend.importing import ReadResult, read_spend_file
from procure.spend.models import PayeeReview, SpendImport, SpendLine
from procure.spend.progress import progress_clear, progress_set
from procure.spend.rules import check_totals_agree
from procure.spend.selectors import column_mappings_for, import_completed_with_checksum, lines_total
from procure.spend.services.lines import distinct_payees, payees_settle, spend_lines_build, spend_lines_insert
from procure.suppliers.services import PayeeInput

Progress = Callable[[int, int], None]


class _Reporter:
    """Passes progress to the caller's callback and to the in-memory registry the report page reads."""

    def __init__(self, record: SpendImport, callback: Progress | None) -> None:
        self.record, self.callback = record, callback
        self.done = self.total = 0

    def reading(self, rows: int, _total: int) -> None:
        self._emit(rows, 0)

    def start(self, total: int) -> None:
        self.done, self.total = 0, total
        self.record.progress_done, self.record.progress_total = 0, total
        self.record.save(update_fields=["progress_done", "progress_total", "updated_at"])
        self._emit(0, total)

    def step(self, count: int) -> None:
        self.done += count
        self._emit(self.done, self.total)

    def _emit(self, done: int, total: int) -> None:
        progress_set(self.record.pk, done, total)
        if self.callback is not None:
            self.callback(done, total)


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def spend_import(*, organisation: Organisation, path: Path | str, file_name: str, actor,
                 progress: Progress | None = None, record: SpendImport | None = None) -> SpendImport:
    """Import a spend file: every line, or (when any row is bad) nothing, with every bad row named.

    A file the organisation has already imported (same SHA-256) adds nothing and is marked a duplicate.
    `record` is a pending import made earlier (an upload waiting its turn); otherwise one is created.
    `progress(done, total)` is called as work proceeds (total 0 while the file is being read).
    """
    path = Path(path)
    record = _start(organisation=organisation, path=path, file_name=file_name, actor=actor, record=record)
    reporter = _Reporter(record, progress)
    try:
        earlier = import_completed_with_checksum(organisation=organisation, checksum=record.checksum)
        if earlier is not None:
            return _finish_duplicate(record, earlier, actor)
        result = read_spend_file(path, mappings=column_mappings_for(organisation=organisation),
                                 progress=reporter.reading)
        _describe(record, result)
        if result.problems:
            return _finish_rejected(record, result.problems, actor, unrecognised=result.layout_unrecognised)
        payees = distinct_payees(result.lines)
        reporter.start(len(payees) + len(result.lines))
        _write(record, result, payees, actor, reporter)
    except BusinessRuleViolation as error:
        return _finish_rejected(record, [{"line": None, "sheet": "", "reason": error.message}], actor)
    except IntegrityError:
        earlier = import_completed_with_checksum(organisation=organisation, checksum=record.checksum)
        if earlier is None:
            raise
        return _finish_duplicate(record, earlier, actor)
    finally:
        progress_clear(record.pk)
    return record


def _start(*, organisation, path: Path, file_name: str, actor, record: SpendImport | None) -> SpendImport:
    record = record or SpendImport(organisation=organisation)
    record.file_name = Path(file_name).name[:255]
    record.checksum = file_checksum(path)
    record.size_bytes = path.stat().st_size
    record.uploaded_by = actor if getattr(actor, "pk", None) else record.uploaded_by
    record.status, record.started_at = ImportStatus.RUNNING, timezone.now()
    record.save()
    return record


def _describe(record: SpendImport, result: ReadResult) -> None:
    record.layout = result.layout
    record.mapping = result.mapping()
    record.headers, record.header_signature = result.headers, result.header_signature
    record.skipped = result.skipped
    record.file_total, record.file_total_source = result.file_total, result.file_total_source


@transaction.atomic
def _write(record: SpendImport, result: ReadResult, payees: list[PayeeInput], actor, reporter: _Reporter) -> None:
    outcome = payees_settle(record=record, payees=payees, actor=actor, step=reporter.step)
    rows = spend_lines_build(record=record, lines=result.lines, supplier_ids=outcome.supplier_ids)
    spend_lines_insert(rows, step=reporter.step)
    written = SpendLine.objects.filter(spend_import=record)
    record.lines, record.total = written.count(), lines_total(written)
    check_totals_agree(lines_total=record.total, file_total=result.file_total, source=result.file_total_source)
    coverage_after_import(spend_import=record, decided_when_written=True)
    record.payees_linked, record.payees_new, record.payees_to_review = outcome.linked, outcome.new, outcome.to_review
    record.message = (f"Imported {record.lines:,} lines totalling {format_money(record.total)}, the same as the "
                      f"file's own total, taken from {record.file_total_source}.")
    _finish(record, ImportStatus.COMPLETED, actor)


def _finish_duplicate(record: SpendImport, earlier: SpendImport, actor) -> SpendImport:
    record.duplicate_of = earlier
    record.lines, record.total = 0, ZERO
    record.message = (f"This file was already imported on {timezone.localtime(earlier.created_at):%d/%m/%Y} "
                      f"({earlier.file_name}): nothing was added.")
    _finish(record, ImportStatus.DUPLICATE, actor)
    return record


def _finish_rejected(record: SpendImport, problems: list[dict], actor, *, unrecognised: bool = False) -> SpendImport:
    record.rejected = problems
    record.lines, record.total = 0, ZERO
    if unrecognised:
        record.message = "Nothing was imported: the columns were not recognised. Choose which column is which."
    elif len(problems) == 1 and problems[0]["line"] is None:
        record.message = problems[0]["reason"]
    else:
        rows = "row needs" if len(problems) == 1 else "rows need"
        record.message = (f"Nothing was imported: {len(problems):,} {rows} correcting. Correct them in the file "
                          f"and import it again.")
    _finish(record, ImportStatus.REJECTED, actor)
    return record


def _finish(record: SpendImport, status: str, actor) -> None:
    record.status, record.finished_at = status, timezone.now()
    record.progress_done = record.progress_total
    record.save()
    audit_record(actor=actor, action=f"spend_import.{status}", subject=record, organisation=record.organisation,
                 after={"file_name": record.file_name, "checksum": record.checksum, "lines": record.lines,
                        "total": record.total, "file_total": record.file_total, "rejected_rows": len(record.rejected),
                        "payees_linked": record.payees_linked, "payees_new": record.payees_new,
                        "payees_to_review": record.payees_to_review})


@transaction.atomic
def spend_import_remove(*, record: SpendImport, actor, reason: str) -> SpendImport:
    """SPD-6: Take a completed import's lines out again (a wrong file, the wrong organisation).

    The import stays on record as removed, with who removed it and why, so the same file can be loaded again.
    Suppliers created from its payees stay in the register: other lines or contracts may use them.
    """
    record = SpendImport.objects.select_for_update().get(pk=record.pk)
    if record.status != ImportStatus.COMPLETED:
        raise BusinessRuleViolation(code="SPD-6", message="Only an imported file can be removed")
    if not reason.strip():
        raise BusinessRuleViolation(code="SPD-6", message="Enter why the import is being removed")
    before = {"status": record.status, "lines": record.lines, "total": record.total}
    months = coverage_before_import_removed(spend_import=record)
    removed, _ = SpendLine.objects.filter(spend_import=record).delete()
    coverage_after_import_removed(spend_import=record, months=months)
    PayeeReview.objects.filter(spend_import=record, status=PayeeReviewStatus.OPEN).delete()
    record.status = ImportStatus.REMOVED
    record.message = f"Removed: {reason.strip()}"
    record.save(update_fields=["status", "message", "updated_at"])
    audit_record(actor=actor, action="spend_import.removed", subject=record, organisation=record.organisation,
                 before=before, after={"status": record.status, "lines_removed": removed, "reason": reason.strip()})
    return record
