"""Named rules about contracts: pure functions, no database."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from procure.contracts.choices import ContractStatus, RouteToMarket
from procure.core.errors import BusinessRuleViolation


def contract_final_end(ends_on: date, exercised_extension_ends: Iterable[date]) -> date:
    """CON-1: A contract's final end is its end date or, when extensions are exercised, the latest of them.

    An extension never shortens a contract, so the final end is never before the end date.
    """
    return max([ends_on, *exercised_extension_ends])


def contract_status(contract: Any, *, on: date) -> ContractStatus:
    """CON-2: On a day a contract is not started, live, live in an extension, or expired.

    The final end (counting exercised extensions) decides expiry; the end before extensions decides
    whether the contract is running in an extension. Both end dates count as days the contract is live.
    """
    final_end = getattr(contract, "final_ends_on", None) or contract.ends_on
    if on < contract.starts_on:
        return ContractStatus.NOT_STARTED
    if on > final_end:
        return ContractStatus.EXPIRED
    if on > contract.ends_on:
        return ContractStatus.EXTENDED
    return ContractStatus.LIVE


def check_contract_dates(*, starts_on: date, ends_on: date) -> None:
    """CON-3: A contract cannot end before it starts."""
    if ends_on < starts_on:
        raise BusinessRuleViolation(
            code="CON-3", message="The contract end date must be the same as or after the start date")


def check_extension_ends_after_current_end(*, extension_ends_on: date, current_end: date) -> None:
    """CON-4: An extension must end after the contract's current end (counting extensions exercised)."""
    if extension_ends_on <= current_end:
        raise BusinessRuleViolation(
            code="CON-4",
            message=f"The extension must end after the contract's current end date, {current_end:%d/%m/%Y}")


def check_framework_named(*, route: str, framework: Any) -> None:
    """CON-5: A framework call-off must name the framework it is called off from."""
    if route == RouteToMarket.FRAMEWORK_CALL_OFF and framework is None:
        raise BusinessRuleViolation(code="CON-5",
                                    message="Choose the framework this contract is called off from")


def check_gross_not_below_net(*, net: Decimal | None, gross: Decimal | None,
                              what: str = "total value") -> None:
    """CON-6: A value including VAT cannot be less than the same value net of VAT."""
    if net is not None and gross is not None and gross < net:
        raise BusinessRuleViolation(
            code="CON-6",
            message=f"The {what} including VAT must be the same as or more than the {what} net of VAT")


def check_values_not_negative(**values: Decimal | None) -> None:
    """CON-7: Contract values cannot be negative."""
    for name, value in values.items():
        if value is not None and value < 0:
            label = name.replace("_", " ").replace("gross", "including VAT").replace("net", "net of VAT")
            raise BusinessRuleViolation(code="CON-7", message=f"The {label} cannot be negative")


def check_has_supplier(suppliers: Iterable[Any]) -> None:
    """CON-8: A contract has at least one supplier."""
    if not list(suppliers):
        raise BusinessRuleViolation(code="CON-8", message="Choose at least one supplier")


def check_extension_not_exercised(*, is_exercised: bool) -> None:
    """CON-9: An extension option can be exercised once."""
    if is_exercised:
        raise BusinessRuleViolation(code="CON-9", message="This extension has already been exercised")


def check_same_organisation(*, organisation_id: int, related: Any, what: str) -> None:
    """CON-10: A contract's framework and department belong to the contract's organisation."""
    if related is not None and related.organisation_id != organisation_id:
        raise BusinessRuleViolation(code="CON-10", message=f"Choose a {what} of this organisation")
