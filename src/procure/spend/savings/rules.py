"""Named rules of the savings register: pure functions."""

from datetime import date
from decimal import Decimal

from procure.core.dates import FinancialYear
from procure.core.errors import BusinessRuleViolation
from procure.spend.choices import SavingType

FIRST_YEAR = 2000
LAST_YEAR = 2100

# Which form field a rule is about, so that pages show its message beside that field.
RULE_FIELDS = {"SAV-1": "title", "SAV-2": "saving_type", "SAV-3": "baseline", "SAV-4": "method",
               "SAV-5": "contract", "SAV-6": "financial_year", "SAV-7": "projected"}

# Changing any of these after finance approval withdraws the approval (SAV-13).
APPROVED_FIELDS = ("title", "saving_type", "baseline", "baseline_description", "method", "contract")


def check_title(title: str) -> None:
    """SAV-1: Every saving has a title saying what was bought."""
    if not (title or "").strip():
        raise BusinessRuleViolation(code="SAV-1", message="Enter what the saving is for")


def check_saving_type(saving_type: str) -> None:
    """SAV-2: A saving is cashable, non-cashable or cost avoidance."""
    if saving_type not in SavingType.values:
        raise BusinessRuleViolation(code="SAV-2", message="Choose the type of saving")


def check_baseline(baseline: Decimal | None) -> None:
    """SAV-3: A saving has a baseline: what it would have cost in a year, in pounds, not negative."""
    if baseline is None:
        raise BusinessRuleViolation(code="SAV-3", message="Enter the baseline")
    if baseline < 0:
        raise BusinessRuleViolation(code="SAV-3", message="The baseline cannot be negative")


def check_method(method: str) -> None:
    """SAV-4: A saving says how it is worked out, so that finance can check it."""
    if not (method or "").strip():
        raise BusinessRuleViolation(code="SAV-4", message="Enter how the saving is worked out")


def check_contract_organisation(*, organisation_id: int, contract_organisation_id: int | None) -> None:
    """SAV-5: A saving names only a contract its own organisation let."""
    if contract_organisation_id is not None and contract_organisation_id != organisation_id:
        raise BusinessRuleViolation(code="SAV-5", message="Choose one of your organisation's contracts")


def check_year(year: FinancialYear) -> None:
    """SAV-6: A saving's year is a financial year between 2000/01 and 2100/01."""
    if not FIRST_YEAR <= year.start_year <= LAST_YEAR:
        raise BusinessRuleViolation(code="SAV-6", message="Enter a financial year like 2024/25")


def check_amounts(*, projected: Decimal, realised: Decimal | None) -> None:
    """SAV-7: Amounts typed by a person are not negative (a realised saving measured against spend can be:
    the contract cost more than the baseline)."""
    if projected is None or projected < 0:
        raise BusinessRuleViolation(code="SAV-7", message="Enter the projected saving, 0 or more")
    if realised is not None and realised < 0:
        raise BusinessRuleViolation(code="SAV-7", message="The realised saving you record cannot be negative")


def check_approvable(*, is_approved: bool, years: int) -> None:
    """SAV-8: Finance approves a saving once, and only when it has at least one year's figures."""
    if is_approved:
        raise BusinessRuleViolation(code="SAV-8", message="This saving already has finance approval")
    if years == 0:
        raise BusinessRuleViolation(code="SAV-8", message="Add at least one year's projected saving first")


def check_approver(*, may_manage_organisation: bool) -> None:
    """SAV-9: Finance approval is given by an administrator of the organisation, not by the procurement
    officers who record savings."""
    if not may_manage_organisation:
        raise BusinessRuleViolation(code="SAV-9", message="Only an administrator can give finance approval")


def check_measurable(*, has_contract: bool, year: FinancialYear, today: date, covered_lines: int) -> None:
    """SAV-10: A realised saving is measured against spend only for a saving on a contract, for a financial
    year that has ended, and when some of that year's spend lines are decided as covered by the contract."""
    if not has_contract:
        raise BusinessRuleViolation(
            code="SAV-10",
            message="Name the contract first: only a saving on a contract is measured against spend")
    if today <= year.ends_on:
        raise BusinessRuleViolation(
            code="SAV-10", message=f"{year.label} has not ended: measure the realised saving from 1 April "
                                  f"{year.start_year + 1}, or record it by hand")
    if covered_lines == 0:
        raise BusinessRuleViolation(
            code="SAV-10", message=f"No spend lines in {year.label} are on this contract: import that year's "
                                  "spend and decide coverage, or record the realised saving by hand")


def realised_from_spend(*, baseline: Decimal, actual_spend: Decimal) -> Decimal:
    """SAV-11: Measured against spend, the realised saving in a year is the baseline (a year's cost before)
    minus the year's actual spend on the contract, net of VAT, credits counting negative. It is negative when
    the contract cost more than the baseline."""
    return baseline - actual_spend


def counted_amount(*, projected: Decimal, realised: Decimal | None) -> Decimal:
    """SAV-12: A year's saving counts its realised amount where one is recorded, else its projected amount."""
    return realised if realised is not None else projected


def approval_lapses(before: dict, after: dict) -> bool:
    """SAV-13: Changing an approved saving's title, type, baseline, method or contract withdraws its finance
    approval; so does changing a projected amount (realised amounts are evidence and do not)."""
    return any(before.get(name) != after.get(name) for name in APPROVED_FIELDS)
