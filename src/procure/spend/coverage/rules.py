"""The coverage rules (DESIGN.md section 5): why a spend line is on or off contract, in a sentence.

The rules are applied in this order, the first that holds deciding the line; spend/coverage/expressions.py
holds them as SQL for deciding many lines at once, this module words the outcome for one line.
"""

from datetime import date

from procure.core.errors import BusinessRuleViolation
from procure.spend.choices import Coverage, ExclusionKind

RULES: tuple[tuple[str, str, str], ...] = (
    ("COV-1", Coverage.NON_PROCURABLE,
     "A line an active exclusion rule of the organisation matches is not procurable: its expense type contains "
     "the rule's text (ignoring case), its category is the rule's or under it, its supplier is flagged as a "
     "public body, or it is the rule's supplier."),
    ("COV-2", Coverage.NO_SUPPLIER, "A line whose payee is not matched to a supplier cannot be on contract."),
    ("COV-3", Coverage.COVERED,
     "A line is on contract when the organisation holds (or takes part in) a contract with its supplier that "
     "is live on the payment date (start <= date <= end, counting exercised extensions) and, where the "
     "contract lists categories, the line's category is one of them or under one of them."),
    ("COV-4", Coverage.CATEGORY_NOT_COVERED,
     "Otherwise, when a contract with the supplier is live but lists other categories, the category is not "
     "covered."),
    ("COV-5", Coverage.CONTRACT_ENDED,
     "Otherwise, when a contract with the supplier ended before the payment date, the contract had ended."),
    ("COV-6", Coverage.CONTRACT_NOT_STARTED,
     "Otherwise, when a contract with the supplier starts after the payment date, it had not started."),
    ("COV-7", Coverage.NO_CONTRACT, "Otherwise there is no contract with the supplier."),
)
# A contract that ended and would have covered the category tells more than a live one for other categories:
# among failures the contract chosen is the first of: ended or not started but covering the category, then
# live, ended, not started for other categories.


def _day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


def _reference(contract) -> str:
    return f"Contract {contract.reference}"


def _non_procurable(line) -> str:
    """COV-1"""
    rule = getattr(line, "exclusion_rule", None)
    if rule is None:
        return "Not procurable: excluded by a rule that has since been removed"
    return f"Not procurable: {rule.reason}"


def _no_supplier(line) -> str:
    """COV-2"""
    return f"The payee '{line.payee_name}' is not matched to a supplier, so no contract can cover it"


def _covered(line) -> str:
    """COV-3"""
    contract = line.contract
    if contract is None:
        return "On contract"
    return (f"{_reference(contract)} covers it: live from {_day(contract.starts_on)} "
            f"to {_day(contract.final_ends_on)}")


def _category_not_covered(line) -> str:
    """COV-4"""
    contract = line.contract
    category = getattr(line, "category", None)
    what = f"the category {category.name}" if category is not None else "lines without a category"
    if contract is None:
        return f"No contract with this supplier covers {what}"
    return f"{_reference(contract)} does not cover {what}"


def _contract_ended(line) -> str:
    """COV-5"""
    contract = line.contract
    if contract is None:
        return "The supplier's contract had ended"
    return f"{_reference(contract)} ended on {_day(contract.final_ends_on)}"


def _contract_not_started(line) -> str:
    """COV-6"""
    contract = line.contract
    if contract is None:
        return "The supplier's contract had not started"
    return f"{_reference(contract)} had not started: it starts on {_day(contract.starts_on)}"


def _no_contract(line) -> str:
    """COV-7"""
    supplier = getattr(line, "supplier", None)
    return f"No contract with {supplier.name}" if supplier is not None else "No contract with this supplier"


_REASONS = {
    Coverage.NON_PROCURABLE: _non_procurable, Coverage.NO_SUPPLIER: _no_supplier, Coverage.COVERED: _covered,
    Coverage.CATEGORY_NOT_COVERED: _category_not_covered, Coverage.CONTRACT_ENDED: _contract_ended,
    Coverage.CONTRACT_NOT_STARTED: _contract_not_started, Coverage.NO_CONTRACT: _no_contract,
}


def coverage_reason(line) -> str:
    """COV-8: Every line can say why it is on or off contract, e.g. 'Contract DC-2024-0012 ended on 31/03/2025'.

    Reads the line's coverage, contract, exclusion rule, supplier and category (select them with the line).
    """
    reason = _REASONS.get(line.coverage)
    return reason(line) if reason else "Not yet decided: run procure spend coverage"


def is_on_contract(coverage: str) -> bool:
    return coverage == Coverage.COVERED


def check_exclusion_rule(*, kind: str, value: str, category, supplier, organisation_id: int, reason: str) -> None:
    """COV-9: An exclusion rule says what it excludes and why: the text an expense type contains, a category,
    or one of the organisation's suppliers, as its kind needs (a public body rule needs none)."""
    needs = {ExclusionKind.EXPENSE_TYPE: (not value.strip(), "Enter the text the expense type contains"),
             ExclusionKind.CATEGORY: (category is None, "Choose the category to exclude"),
             ExclusionKind.SUPPLIER: (supplier is None, "Choose the supplier to exclude")}
    if kind not in ExclusionKind.values:
        raise BusinessRuleViolation(code="COV-9", message=f"'{kind}' is not a kind of exclusion rule")
    missing, message = needs.get(kind, (False, ""))
    if missing:
        raise BusinessRuleViolation(code="COV-9", message=message)
    if supplier is not None and supplier.organisation_id != organisation_id:
        raise BusinessRuleViolation(code="COV-9", message="Choose one of this organisation's suppliers")
    if not reason.strip():
        raise BusinessRuleViolation(code="COV-9", message="Enter why this spend is not procurable")
