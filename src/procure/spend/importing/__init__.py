"""Reading spend files (CSV and XLSX in the layouts finance systems produce) into payment lines."""

from procure.core.tabular import header_key as normalise_header
from procure.spend.importing.fields import FIELDS, LABELS, REQUIRED_FIELDS, header_signature
from procure.spend.importing.reader import ReadResult, SavedMapping, read_spend_file
from procure.spend.importing.rows import ParsedLine

__all__ = [
    "FIELDS", "LABELS", "REQUIRED_FIELDS", "ParsedLine", "ReadResult", "SavedMapping", "header_signature",
    "normalise_header", "read_spend_file",
]
