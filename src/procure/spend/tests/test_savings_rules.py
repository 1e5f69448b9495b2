from datetime import date
from decimal import Decimal

import pytest

from procure.core.dates import FinancialYear
from procure.core.errors import BusinessRuleViolation
from procure.spend.savings import rules


@pytest.mark.parametrize(("projected", "realised", "counted"), [
    (Decimal("10000.00"), None, Decimal("10000.00")),
    (Decimal("10000.00"), Decimal("8500.00"), Decimal("8500.00")),
    (Decimal("10000.00"), Decimal("0.00"), Decimal("0.00")),
    (Decimal("0.00"), Decimal("-1200.00"), Decimal("-1200.00")),
])
def test_a_year_counts_realised_where_recorded_else_projected(projected, realised, counted):
    assert rules.counted_amount(projected=projected, realised=realised) == counted


def test_realised_from_spend_is_baseline_minus_actual_spend():
    def realised(actual: str) -> Decimal:
        return rules.realised_from_spend(baseline=Decimal("100000.00"), actual_spend=Decimal(actual))

    assert realised("87654.32") == Decimal("12345.68")
    assert realised("101000.00") == Decimal("-1000.00")


@pytest.mark.parametrize(("check", "kwargs", "code"), [
    (rules.check_title, {"title": "  "}, "SAV-1"),
    (rules.check_saving_type, {"saving_type": "windfall"}, "SAV-2"),
    (rules.check_baseline, {"baseline": None}, "SAV-3"),
    (rules.check_baseline, {"baseline": Decimal("-1")}, "SAV-3"),
    (rules.check_method, {"method": ""}, "SAV-4"),
    (rules.check_contract_organisation, {"organisation_id": 1, "contract_organisation_id": 2}, "SAV-5"),
    (rules.check_year, {"year": FinancialYear(1999)}, "SAV-6"),
    (rules.check_amounts, {"projected": Decimal("-5"), "realised": None}, "SAV-7"),
    (rules.check_amounts, {"projected": Decimal("5"), "realised": Decimal("-5")}, "SAV-7"),
    (rules.check_approvable, {"is_approved": True, "years": 2}, "SAV-8"),
    (rules.check_approvable, {"is_approved": False, "years": 0}, "SAV-8"),
    (rules.check_approver, {"may_manage_organisation": False}, "SAV-9"),
])
def test_rules_refuse_with_their_code(check, kwargs, code):
    with pytest.raises(BusinessRuleViolation) as refused:
        check(**kwargs)
    assert refused.value.code == code


@pytest.mark.parametrize(("has_contract", "today", "lines", "message"), [
    (False, date(2025, 6, 1), 3, "Name the contract first"),
    (True, date(2025, 3, 31), 3, "2024/25 has not ended: measure the realised saving from 1 April 2025"),
    (True, date(2025, 4, 1), 0, "No spend lines in 2024/25 are on this contract"),
])
def test_a_saving_is_measured_against_spend_only_on_a_contract_after_its_year(has_contract, today, lines,
                                                                              message):
    with pytest.raises(BusinessRuleViolation, match=message):
        rules.check_measurable(has_contract=has_contract, year=FinancialYear(2024), today=today,
                               covered_lines=lines)


def test_a_measurable_saving_passes():
    rules.check_measurable(has_contract=True, year=FinancialYear(2024), today=date(2025, 4, 1),
                           covered_lines=1)


def test_approval_lapses_when_the_approved_figures_change_but_not_otherwise():
    before = {"title": "A", "baseline": "100.00", "method": "M", "is_finance_approved": True}
    assert rules.approval_lapses(before, {**before, "baseline": "90.00"})
    assert not rules.approval_lapses(before, {**before, "is_finance_approved": False})
