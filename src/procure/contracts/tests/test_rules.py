from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procure.contracts import rules
from procure.contracts.choices import ContractStatus, RouteToMarket
from procure.core.errors import BusinessRuleViolation

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@dataclass
class Dates:
    starts_on: date
    ends_on: date
    final_ends_on: date | None = None


@given(ends_on=days, extensions=st.lists(days, max_size=5))
def test_final_end_is_never_before_the_end_date(ends_on, extensions):
    final = rules.contract_final_end(ends_on, extensions)
    assert final >= ends_on
    assert final in [ends_on, *extensions]
    assert all(final >= extension for extension in extensions)


def test_final_end_is_the_latest_exercised_extension():
    exercised = [date(2027, 3, 31), date(2028, 3, 31)]
    assert rules.contract_final_end(date(2026, 3, 31), exercised) == date(2028, 3, 31)
    assert rules.contract_final_end(date(2026, 3, 31), []) == date(2026, 3, 31)


@given(start=days, length=st.integers(0, 4000), extension=st.integers(0, 1500),
       offset=st.integers(-3000, 7000))
def test_status_follows_the_dates(start, length, extension, offset):
    contract = Dates(start, start + timedelta(days=length), start + timedelta(days=length + extension))
    day = start + timedelta(days=offset)
    status = rules.contract_status(contract, on=day)
    expected = (ContractStatus.NOT_STARTED if day < contract.starts_on
                else ContractStatus.EXPIRED if day > contract.final_ends_on
                else ContractStatus.EXTENDED if day > contract.ends_on
                else ContractStatus.LIVE)
    assert status == expected
    assert (status in (ContractStatus.LIVE, ContractStatus.EXTENDED)) == (
        contract.starts_on <= day <= contract.final_ends_on)


@pytest.mark.parametrize(("_case", "day", "status"), [
    ("day before start", date(2024, 3, 31), ContractStatus.NOT_STARTED),
    ("first day", date(2024, 4, 1), ContractStatus.LIVE),
    ("last day before extension", date(2027, 3, 31), ContractStatus.LIVE),
    ("first day of the extension", date(2027, 4, 1), ContractStatus.EXTENDED),
    ("last day of the extension", date(2028, 3, 31), ContractStatus.EXTENDED),
    ("day after the final end", date(2028, 4, 1), ContractStatus.EXPIRED),
])
def test_status_counts_exercised_extensions(_case, day, status):
    contract = Dates(date(2024, 4, 1), date(2027, 3, 31), date(2028, 3, 31))
    assert rules.contract_status(contract, on=day) == status


def test_status_without_a_final_end_uses_the_end_date():
    assert rules.contract_status(Dates(date(2024, 4, 1), date(2025, 3, 31)), on=date(2025, 4, 1)) == "expired"


def test_contract_cannot_end_before_it_starts():
    rules.check_contract_dates(starts_on=date(2024, 4, 1), ends_on=date(2024, 4, 1))
    with pytest.raises(BusinessRuleViolation, match="CON-3") as error:
        rules.check_contract_dates(starts_on=date(2024, 4, 1), ends_on=date(2024, 3, 31))
    assert "end date must be the same as or after the start date" in error.value.message


def test_extension_must_end_after_the_current_end():
    rules.check_extension_ends_after_current_end(extension_ends_on=date(2027, 4, 1),
                                                 current_end=date(2027, 3, 31))
    with pytest.raises(BusinessRuleViolation, match="CON-4") as error:
        rules.check_extension_ends_after_current_end(extension_ends_on=date(2027, 3, 31),
                                                     current_end=date(2027, 3, 31))
    assert "31/03/2027" in error.value.message


def test_framework_call_off_names_its_framework():
    rules.check_framework_named(route=RouteToMarket.OWN_TENDER, framework=None)
    rules.check_framework_named(route=RouteToMarket.FRAMEWORK_CALL_OFF, framework=object())
    with pytest.raises(BusinessRuleViolation, match="CON-5"):
        rules.check_framework_named(route=RouteToMarket.FRAMEWORK_CALL_OFF, framework=None)


@given(net=st.decimals(min_value=0, max_value=10**9, places=2), vat=st.decimals(min_value=0, max_value=10**8,
                                                                                places=2))
def test_value_including_vat_at_or_above_net_is_accepted(net, vat):
    rules.check_gross_not_below_net(net=net, gross=net + vat)


def test_value_including_vat_below_net_is_refused():
    rules.check_gross_not_below_net(net=None, gross=Decimal("1.00"))
    with pytest.raises(BusinessRuleViolation, match="CON-6") as error:
        rules.check_gross_not_below_net(net=Decimal("100.00"), gross=Decimal("99.99"), what="annual value")
    assert error.value.message == ("The annual value including VAT must be the same as or more than the "
                                   "annual value net of VAT")


def test_negative_values_are_refused():
    with pytest.raises(BusinessRuleViolation, match="CON-7"):
        rules.check_values_not_negative(total_value_net=Decimal("-1.00"))


def test_a_contract_needs_a_supplier():
    with pytest.raises(BusinessRuleViolation, match="CON-8"):
        rules.check_has_supplier([])


def test_an_extension_is_exercised_once():
    rules.check_extension_not_exercised(is_exercised=False)
    with pytest.raises(BusinessRuleViolation, match="CON-9"):
        rules.check_extension_not_exercised(is_exercised=True)
