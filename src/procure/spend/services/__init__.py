"""Writes of the spend app: imports, column mappings, payee decisions."""

from procure.spend.services.imports import file_checksum, spend_import, spend_import_remove
from procure.spend.services.mappings import column_mapping_save
from procure.spend.services.reviews import payee_review_decide
from procure.spend.services.uploads import (
    spend_import_queue,
    spend_import_run,
    spend_import_start,
    spend_upload_store,
    stored_path,
)

__all__ = [
    "column_mapping_save", "file_checksum", "payee_review_decide", "spend_import", "spend_import_queue",
    "spend_import_remove", "spend_import_run", "spend_import_start", "spend_upload_store", "stored_path",
]
