"""Named rules of the board: pure functions, each with a code and a sentence a user can act on."""

from procure.core.errors import BusinessRuleViolation
from procure.governance.choices import Decision


def check_decision(decision: str, *, conditions: str, reason: str, already_decided: bool) -> None:
    """GOV-1: An item is decided once; approving with conditions states the conditions, and rejecting states
    the reason."""
    if already_decided:
        raise BusinessRuleViolation(code="GOV-1", message="The board has already decided this item")
    if decision not in Decision.values:
        raise BusinessRuleViolation(code="GOV-1", message="Choose the board's decision")
    if decision == Decision.APPROVE_WITH_CONDITIONS and not conditions.strip():
        raise BusinessRuleViolation(code="GOV-1", message="Enter the conditions of the approval")
    if decision == Decision.REJECT and not reason.strip():
        raise BusinessRuleViolation(code="GOV-1", message="Enter the reason for rejecting it")


def check_agenda_open(*, has_decisions_pending: bool, already_on_agenda: bool) -> None:
    """GOV-2: Something goes on a meeting's agenda once, and only while it waits for the board."""
    if already_on_agenda:
        raise BusinessRuleViolation(code="GOV-2", message="This is already on the meeting's agenda")
    if not has_decisions_pending:
        raise BusinessRuleViolation(code="GOV-2", message="This is not waiting for the board's decision")


def check_removable(*, already_decided: bool) -> None:
    """GOV-3: An item comes off the agenda only before it is decided."""
    if already_decided:
        raise BusinessRuleViolation(code="GOV-3", message="A decided item stays on the agenda and in the minutes")
