"""Named rules of sourcing: pure functions, each with a code and a sentence a user can act on."""

from datetime import datetime

from procure.core.errors import BusinessRuleViolation
from procure.sourcing.choices import TenderStatus

OFFICERS_NEEDED_TO_OPEN = 2


def check_bids_readable(*, status: str, deadline: datetime | None, openers: int, now: datetime) -> None:
    """SRC-20: No bid is readable before its tender's deadline has passed and two different authorised officers
    have each confirmed the opening."""
    if deadline is None or now < deadline:
        raise BusinessRuleViolation(code="SRC-20", message="Bids stay sealed until the submission deadline has passed")
    if openers < OFFICERS_NEEDED_TO_OPEN or status in (TenderStatus.DRAFT, TenderStatus.PUBLISHED,
                                                       TenderStatus.CLOSED, TenderStatus.CANCELLED):
        raise BusinessRuleViolation(
            code="SRC-20", message=f"Bids stay sealed until {OFFICERS_NEEDED_TO_OPEN} different officers have "
                                   "each confirmed the opening")
