from datetime import date
from decimal import Decimal

import pytest

from procure.contracts.tests.factories import ContractFactory
from procure.core.audit import audit_history
from procure.core.dates import FinancialYear
from procure.core.errors import BusinessRuleViolation
from procure.organisations.choices import Role
from procure.spend.choices import Coverage, SavingType
from procure.spend.models import Saving, SavingYear
from procure.spend.savings import services
from procure.spend.tests.factories import SpendLineFactory
from procure.spend.tests.savings_factories import SavingFactory, SavingYearFactory

pytestmark = pytest.mark.django_db

Y2024 = FinancialYear(2024)
AFTER_2024 = date(2025, 4, 1)


@pytest.fixture
def administrator(user_with_role, organisation):
    return user_with_role(Role.ADMINISTRATOR, organisation)


def _create(organisation, actor, **overrides):
    fields = {"title": "Custody cleaning retender", "saving_type": SavingType.CASHABLE,
              "baseline": Decimal("120000.00"), "method": "Baseline less the new annual price",
              "baseline_description": "2023/24 spend with the old supplier"}
    return services.saving_create(organisation=organisation, actor=actor, **{**fields, **overrides})


def test_saving_create_records_the_saving_unapproved_and_audits_it(organisation, officer):
    contract = ContractFactory(organisation=organisation)
    saving = _create(organisation, officer, contract=contract, title="  Custody cleaning retender ")
    assert (saving.title, saving.contract, saving.is_finance_approved) == (
        "Custody cleaning retender", contract, False)
    [event] = audit_history(saving)
    assert event.action == "saving.created" and event.after["baseline"] == "120000.00"


@pytest.mark.parametrize(("overrides", "code"), [
    ({"title": ""}, "SAV-1"),
    ({"saving_type": "windfall"}, "SAV-2"),
    ({"baseline": Decimal("-1.00")}, "SAV-3"),
    ({"method": " "}, "SAV-4"),
])
def test_saving_create_refuses_a_broken_rule_and_writes_nothing(organisation, officer, overrides, code):
    with pytest.raises(BusinessRuleViolation) as refused:
        _create(organisation, officer, **overrides)
    assert refused.value.code == code
    assert not Saving.objects.exists()


def test_a_saving_cannot_name_another_organisations_contract(organisation, other_organisation, officer):
    with pytest.raises(BusinessRuleViolation, match="your organisation's contracts"):
        _create(organisation, officer, contract=ContractFactory(organisation=other_organisation))
    assert not Saving.objects.exists()


def test_saving_update_changes_fields_and_audits_before_and_after(organisation, officer):
    saving = SavingFactory(organisation=organisation)
    services.saving_update(saving=saving, actor=officer, baseline=Decimal("90000"), title="Cleaning")
    saving.refresh_from_db()
    assert (saving.baseline, saving.title) == (Decimal("90000.00"), "Cleaning")
    event = audit_history(saving).first()
    assert event.action == "saving.updated"
    assert (event.before["baseline"], event.after["baseline"]) == ("100000.00", "90000.00")


def test_saving_update_with_nothing_changed_audits_nothing(organisation, officer):
    saving = SavingFactory(organisation=organisation)
    services.saving_update(saving=saving, actor=officer, title=saving.title, baseline=saving.baseline)
    assert not audit_history(saving).exists()


def test_changing_an_approved_saving_withdraws_its_approval(organisation, officer, administrator):
    saving = SavingFactory(organisation=organisation, is_finance_approved=True, approved_by=administrator,
                           approved_on=date(2025, 1, 10))
    services.saving_update(saving=saving, actor=officer, method="A different method")
    saving.refresh_from_db()
    assert (saving.is_finance_approved, saving.approved_by, saving.approved_on) == (False, None, None)


def test_saving_year_set_adds_then_changes_a_year(organisation, officer):
    saving = SavingFactory(organisation=organisation)
    services.saving_year_set(saving=saving, actor=officer, financial_year=Y2024, projected=Decimal("15000"))
    row = services.saving_year_set(saving=saving, actor=officer, financial_year=Y2024,
                                   projected=Decimal("15000"), realised=Decimal("14250.50"))
    assert SavingYear.objects.filter(saving=saving).count() == 1
    assert (row.projected, row.realised, row.realised_from_spend) == (
        Decimal("15000.00"), Decimal("14250.50"), False)
    actions = [event.action for event in audit_history(saving)]
    assert actions == ["saving.year_set", "saving.year_set"]
    assert audit_history(saving).first().after["realised"] == "14250.50"


def test_saving_year_set_refuses_a_negative_projection(organisation, officer):
    saving = SavingFactory(organisation=organisation)
    with pytest.raises(BusinessRuleViolation, match="SAV-7"):
        services.saving_year_set(saving=saving, actor=officer, financial_year=Y2024, projected=Decimal("-1"))
    assert not SavingYear.objects.exists()


def test_recording_realised_keeps_approval_but_changing_projected_withdraws_it(organisation, officer,
                                                                                administrator):
    saving = SavingFactory(organisation=organisation)
    SavingYearFactory(saving=saving, financial_year=2024, projected=Decimal("10000.00"))
    services.saving_approve(saving=saving, actor=administrator, approved_on=date(2025, 2, 1))
    services.saving_year_set(saving=saving, actor=officer, financial_year=Y2024,
                             projected=Decimal("10000.00"), realised=Decimal("9000.00"))
    saving.refresh_from_db()
    assert saving.is_finance_approved
    services.saving_year_set(saving=saving, actor=officer, financial_year=Y2024,
                             projected=Decimal("12000.00"), realised=Decimal("9000.00"))
    saving.refresh_from_db()
    assert not saving.is_finance_approved
    assert audit_history(saving).first().action == "saving.approval_withdrawn"


def test_saving_approve_by_an_administrator_records_who_and_when(organisation, administrator):
    saving = SavingFactory(organisation=organisation)
    SavingYearFactory(saving=saving)
    services.saving_approve(saving=saving, actor=administrator, approved_on=date(2025, 2, 1))
    saving.refresh_from_db()
    assert (saving.is_finance_approved, saving.approved_by, saving.approved_on) == (
        True, administrator, date(2025, 2, 1))
    assert audit_history(saving).first().action == "saving.approved"


def test_a_procurement_officer_cannot_give_finance_approval(organisation, officer):
    saving = SavingFactory(organisation=organisation)
    SavingYearFactory(saving=saving)
    with pytest.raises(BusinessRuleViolation, match="SAV-9"):
        services.saving_approve(saving=saving, actor=officer, approved_on=date(2025, 2, 1))
    saving.refresh_from_db()
    assert not saving.is_finance_approved
    assert not audit_history(saving).exists()


def test_a_saving_without_years_cannot_be_approved(organisation, administrator):
    saving = SavingFactory(organisation=organisation)
    with pytest.raises(BusinessRuleViolation, match="at least one year"):
        services.saving_approve(saving=saving, actor=administrator, approved_on=date(2025, 2, 1))
    assert not Saving.objects.get(pk=saving.pk).is_finance_approved


def _covered(organisation, contract, amount, paid_on, coverage=Coverage.COVERED):
    return SpendLineFactory(organisation=organisation, contract=contract, coverage=coverage,
                            amount=Decimal(amount), payment_date=paid_on)


def test_realised_from_spend_is_baseline_minus_the_years_covered_lines(organisation, other_organisation,
                                                                       officer):
    contract = ContractFactory(organisation=organisation)
    saving = SavingFactory(organisation=organisation, contract=contract, baseline=Decimal("100000.00"))
    SavingYearFactory(saving=saving, financial_year=2024, projected=Decimal("12000.00"))
    _covered(organisation, contract, "40000.10", date(2024, 4, 1))   # first day of the year
    _covered(organisation, contract, "45000.25", date(2025, 3, 31))  # last day
    _covered(organisation, contract, "-1500.00", date(2024, 9, 9))   # a credit counts negative
    _covered(organisation, contract, "999.00", date(2024, 3, 31))    # the year before: left out
    _covered(organisation, contract, "999.00", date(2025, 4, 1))     # the year after: left out
    _covered(organisation, contract, "999.00", date(2024, 6, 1), Coverage.CONTRACT_ENDED)  # not covered
    _covered(organisation, ContractFactory(organisation=organisation), "999.00", date(2024, 6, 1))  # other
    _covered(other_organisation, contract, "999.00", date(2024, 6, 1))  # another organisation's line
    row = services.saving_realise_from_spend(saving=saving, actor=officer, financial_year=Y2024,
                                             today=AFTER_2024)
    # 100,000.00 - (40,000.10 + 45,000.25 - 1,500.00) = 16,499.65
    assert (row.realised, row.realised_from_spend, row.projected) == (Decimal("16499.65"), True,
                                                                      Decimal("12000.00"))
    event = audit_history(saving).first()
    assert event.action == "saving.realised_from_spend" and event.after["realised"] == "16499.65"


def test_realised_from_spend_adds_the_year_when_it_had_no_projection(organisation, officer):
    contract = ContractFactory(organisation=organisation)
    saving = SavingFactory(organisation=organisation, contract=contract, baseline=Decimal("50000.00"))
    _covered(organisation, contract, "52000.00", date(2024, 10, 1))
    row = services.saving_realise_from_spend(saving=saving, actor=officer, financial_year=Y2024,
                                             today=AFTER_2024)
    assert (row.projected, row.realised) == (Decimal("0.00"), Decimal("-2000.00"))


@pytest.mark.parametrize(("with_contract", "with_lines", "today", "message"), [
    (False, True, AFTER_2024, "Name the contract first"),
    (True, True, date(2025, 3, 31), "has not ended"),
    (True, False, AFTER_2024, "No spend lines in 2024/25"),
])
def test_realised_from_spend_is_refused_when_it_cannot_be_measured(organisation, officer, with_contract,
                                                                   with_lines, today, message):
    contract = ContractFactory(organisation=organisation)
    saving = SavingFactory(organisation=organisation, contract=contract if with_contract else None)
    if with_lines:
        _covered(organisation, contract, "100.00", date(2024, 10, 1))
    with pytest.raises(BusinessRuleViolation, match=message):
        services.saving_realise_from_spend(saving=saving, actor=officer, financial_year=Y2024, today=today)
    assert not SavingYear.objects.exists()
    assert not audit_history(saving).exists()


def test_typing_a_realised_amount_replaces_one_measured_against_spend(organisation, officer):
    contract = ContractFactory(organisation=organisation)
    saving = SavingFactory(organisation=organisation, contract=contract)
    _covered(organisation, contract, "90000.00", date(2024, 10, 1))
    services.saving_realise_from_spend(saving=saving, actor=officer, financial_year=Y2024, today=AFTER_2024)
    row = services.saving_year_set(saving=saving, actor=officer, financial_year=Y2024, projected=Decimal("0"),
                                   realised=Decimal("9500.00"))
    assert (row.realised, row.realised_from_spend) == (Decimal("9500.00"), False)
