"""Named rules of spend imports and payee decisions. Pure functions: no database."""

from decimal import Decimal
from pathlib import PurePath

from procure.core.errors import BusinessRuleViolation
from procure.core.money import format_money
from procure.spend.choices import PayeeReviewStatus
from procure.spend.importing.cells import is_redacted_payee

UPLOAD_SUFFIXES = (".csv", ".xlsx", ".xlsm")
UPLOAD_MAX_BYTES = 50 * 1024 * 1024


def check_upload(*, file_name: str, size: int, max_bytes: int = UPLOAD_MAX_BYTES) -> None:
    """SPD-1: A spend file is a CSV or XLSX file, not empty, and no larger than the limit."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise BusinessRuleViolation(code="SPD-1", message="The selected file must be a CSV or XLSX file")
    if size == 0:
        raise BusinessRuleViolation(code="SPD-1", message="The selected file is empty")
    if size > max_bytes:
        raise BusinessRuleViolation(
            code="SPD-1", message=f"The selected file must be smaller than {max_bytes // (1024 * 1024)} MB")


def check_totals_agree(*, lines_total: Decimal, file_total: Decimal, source: str) -> None:
    """SPD-2: The lines imported add up to the file's own total, to the penny; otherwise nothing is imported."""
    if lines_total != file_total:
        raise BusinessRuleViolation(code="SPD-2", message=(
            f"The lines imported add up to {format_money(lines_total)} but the file's own total, taken from "
            f"{source}, is {format_money(file_total)}: nothing was imported"))


def payee_is_matchable(name: str) -> bool:
    """SPD-3: A payee withheld by law ('Redacted', 'Personal data') is kept on the line but never matched."""
    return bool(name.strip()) and not is_redacted_payee(name)


def check_review_open(status: str) -> None:
    """SPD-4: A payee review is decided once; a decided review cannot be decided again."""
    if status != PayeeReviewStatus.OPEN:
        raise BusinessRuleViolation(code="SPD-4", message="This payee has already been decided")


def check_mapping(*, columns: dict[str, str], headers: list[str], required: tuple[str, ...]) -> None:
    """SPD-5: A saved column mapping names a column for each required field, each one of the file's
    headings, and uses no column twice."""
    missing = [name for name in required if not columns.get(name)]
    if missing:
        raise BusinessRuleViolation(code="SPD-5", message="Choose a column for the payment date, amount and payee")
    chosen = [heading for heading in columns.values() if heading]
    if any(heading not in headers for heading in chosen):
        raise BusinessRuleViolation(code="SPD-5", message="Choose columns from the file's own headings")
    if len(set(chosen)) != len(chosen):
        raise BusinessRuleViolation(code="SPD-5", message="Choose a different column for each field")
