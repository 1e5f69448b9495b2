import pytest

from procure.core.errors import BusinessRuleViolation
from procure.governance import rules
from procure.governance.choices import Decision


@pytest.mark.parametrize(("decision", "conditions", "reason", "message"), [
    (Decision.APPROVE_WITH_CONDITIONS, " ", "", "Enter the conditions of the approval"),
    (Decision.REJECT, "", "", "Enter the reason for rejecting it"),
    ("maybe", "", "", "Choose the board's decision"),
])
def test_a_decision_says_what_the_board_needs_to_record(decision, conditions, reason, message):
    with pytest.raises(BusinessRuleViolation, match=message):
        rules.check_decision(decision, conditions=conditions, reason=reason, already_decided=False)


def test_an_item_is_decided_once():
    rules.check_decision(Decision.DEFER, conditions="", reason="", already_decided=False)
    with pytest.raises(BusinessRuleViolation, match="GOV-1"):
        rules.check_decision(Decision.APPROVE, conditions="", reason="", already_decided=True)


def test_an_item_goes_on_an_agenda_once_and_only_while_waiting():
    with pytest.raises(BusinessRuleViolation, match="already on the meeting's agenda"):
        rules.check_agenda_open(has_decisions_pending=True, already_on_agenda=True)
    with pytest.raises(BusinessRuleViolation, match="not waiting"):
        rules.check_agenda_open(has_decisions_pending=False, already_on_agenda=False)
