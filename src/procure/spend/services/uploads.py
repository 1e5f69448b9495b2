"""Uploaded spend files: kept under MEDIA_ROOT, imported in the background (or at once when configured)."""

import logging
import threading
import uuid
from pathlib import Path, PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from procure.core.audit import audit_record
from procure.organisations.models import Organisation
from procure.spend.choices import ImportStatus
from procure.spend.models import SpendImport
from procure.spend.rules import check_upload
from procure.spend.services.imports import spend_import

logger = logging.getLogger(__name__)
UPLOAD_FOLDER = "spend-imports"
FAILED_MESSAGE = ("Something went wrong while importing this file, so nothing was imported. Try again; if it "
                  "happens again, tell your administrator the file name and the time.")


def stored_path(record: SpendImport) -> Path:
    return Path(settings.MEDIA_ROOT) / record.stored_file


def spend_upload_store(*, organisation: Organisation, uploaded_file: UploadedFile) -> str:
    """Save an upload under MEDIA_ROOT with a name of our own; returns its path relative to MEDIA_ROOT."""
    check_upload(file_name=uploaded_file.name or "", size=uploaded_file.size or 0)
    suffix = PurePath(uploaded_file.name).suffix.lower()
    relative = PurePath(UPLOAD_FOLDER, organisation.slug, f"{uuid.uuid4().hex}{suffix}")
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        for chunk in uploaded_file.chunks():
            handle.write(chunk)
    return relative.as_posix()


@transaction.atomic
def spend_import_queue(*, organisation: Organisation, stored_file: str, file_name: str, actor) -> SpendImport:
    """Record an import waiting to run, so its report page exists from the start."""
    record = SpendImport.objects.create(
        organisation=organisation, file_name=PurePath(file_name).name[:255], stored_file=stored_file,
        uploaded_by=actor if getattr(actor, "pk", None) else None, status=ImportStatus.PENDING)
    audit_record(actor=actor, action="spend_import.queued", subject=record, organisation=organisation,
                 after={"file_name": record.file_name})
    return record


def spend_import_start(*, record: SpendImport) -> None:
    """Run a queued import: at once when PROCURE_RUN_IMPORTS_INLINE is set, else in a background thread."""
    if settings.PROCURE_RUN_IMPORTS_INLINE:
        spend_import_run(import_id=record.pk)
        return
    thread = threading.Thread(target=_run_in_thread, kwargs={"import_id": record.pk}, daemon=True,
                              name=f"spend-import-{record.pk}")
    transaction.on_commit(thread.start)


def _run_in_thread(*, import_id: int) -> None:
    close_old_connections()
    try:
        spend_import_run(import_id=import_id)
    finally:
        connection.close()


def spend_import_run(*, import_id: int) -> SpendImport:
    """Import a queued upload; an unexpected failure marks it rejected (nothing imported) rather than crash."""
    record = SpendImport.objects.select_related("organisation", "uploaded_by").get(pk=import_id)
    try:
        return spend_import(organisation=record.organisation, path=stored_path(record), file_name=record.file_name,
                            actor=record.uploaded_by, record=record)
    except Exception:
        logger.exception("Spend import %s failed", import_id)
        return _mark_failed(import_id)


def _mark_failed(import_id: int) -> SpendImport:
    record = SpendImport.objects.get(pk=import_id)
    record.status, record.finished_at, record.message = ImportStatus.REJECTED, timezone.now(), FAILED_MESSAGE
    record.lines = 0
    record.rejected = [{"line": None, "sheet": "", "reason": FAILED_MESSAGE}]
    record.save()
    audit_record(actor=record.uploaded_by, action="spend_import.failed", subject=record,
                 organisation=record.organisation, after={"file_name": record.file_name})
    return record
