"""Contract procedure rules held as data: sets of thresholds by start date, added, changed and ended."""

from datetime import date
from decimal import Decimal

import pytest

from procure.core.errors import BusinessRuleViolation
from procure.core.models import AuditEvent
from procure.spend.models import ProcedureThreshold
from procure.spend.review.selectors import procedure_thresholds_on, review_threshold_on
from procure.spend.review.services import (
    procedure_threshold_add,
    procedure_threshold_change,
    procedure_threshold_end,
    procedure_thresholds_install_defaults,
)
from procure.spend.tests.factories_review import ProcedureThresholdFactory

START = date(2016, 4, 1)


@pytest.fixture
def defaults(organisation):
    return procedure_thresholds_install_defaults(organisation=organisation, effective_from=START)


def ladder(organisation, on: date) -> list[tuple[str, Decimal]]:
    return [(row.name, row.from_value) for row in procedure_thresholds_on(organisation=organisation, on=on)]


def named(organisation, name: str, on: date) -> ProcedureThreshold:
    return next(row for row in procedure_thresholds_on(organisation=organisation, on=on) if row.name == name)


def test_defaults_give_a_police_ladder_and_the_procurement_act_threshold_from_2026(organisation, defaults):
    assert ladder(organisation, date(2017, 3, 31)) == [
        ("Single quotation", Decimal("0.00")), ("Three written quotations", Decimal("10000.00")),
        ("Invitation to tender", Decimal("50000.00"))]
    from_2026 = ladder(organisation, date(2026, 1, 1))
    assert from_2026[-1] == ("Procurement Act 2023 threshold (£207,720.00 including VAT)",
                             Decimal("173100.00"))
    assert ladder(organisation, date(2015, 12, 31)) == []
    assert review_threshold_on(organisation=organisation, on=date(2017, 3, 31)) == Decimal("10000.00")


def test_defaults_are_not_installed_over_an_organisations_own_rules(organisation):
    ProcedureThresholdFactory(organisation=organisation, name="Three quotes", from_value=Decimal("5000.00"))
    assert procedure_thresholds_install_defaults(organisation=organisation, effective_from=START) == []
    assert ladder(organisation, date(2017, 1, 1)) == [("Three quotes", Decimal("5000.00"))]


def test_a_change_from_a_later_date_starts_new_rules_and_leaves_the_earlier_ones(organisation, defaults,
                                                                                 officer):
    row = named(organisation, "Three written quotations", date(2017, 1, 1))
    procedure_threshold_change(threshold=row, name="Three written quotations", from_value=Decimal("15000.00"),
                               route="Three quotes", applies_from=date(2018, 4, 1), actor=officer)
    assert ladder(organisation, date(2018, 3, 31))[1] == ("Three written quotations", Decimal("10000.00"))
    assert ladder(organisation, date(2018, 4, 1))[1] == ("Three written quotations", Decimal("15000.00"))
    assert ladder(organisation, date(2026, 6, 1))[1] == ("Three written quotations", Decimal("15000.00"))
    assert len(ladder(organisation, date(2018, 4, 1))) == 3
    assert AuditEvent.objects.filter(action="procedure_threshold.changed", actor=officer).count() == 2


def test_a_change_cannot_reach_back_before_its_rules_start(organisation, defaults, officer):
    row = named(organisation, "Invitation to tender", date(2017, 1, 1))
    with pytest.raises(BusinessRuleViolation, match="THR-3"):
        procedure_threshold_change(threshold=row, name=row.name, from_value=Decimal("1.00"), route=row.route,
                                   applies_from=date(2016, 3, 31), actor=officer)
    assert ladder(organisation, date(2017, 1, 1))[2] == ("Invitation to tender", Decimal("50000.00"))


def test_ending_a_threshold_takes_it_out_of_every_later_set_of_rules(organisation, defaults, officer):
    row = named(organisation, "Invitation to tender", date(2017, 1, 1))
    assert procedure_threshold_end(threshold=row, ends_from=date(2020, 4, 1), actor=officer) == 2
    assert "Invitation to tender" in dict(ladder(organisation, date(2020, 3, 31)))
    assert "Invitation to tender" not in dict(ladder(organisation, date(2020, 4, 1)))
    assert "Invitation to tender" not in dict(ladder(organisation, date(2026, 1, 1)))


def test_the_last_threshold_of_a_set_of_rules_cannot_be_ended(organisation, officer):
    only = ProcedureThresholdFactory(organisation=organisation, effective_from=START)
    with pytest.raises(BusinessRuleViolation, match="THR-4"):
        procedure_threshold_end(threshold=only, ends_from=START, actor=officer)
    assert ProcedureThreshold.objects.filter(organisation=organisation).count() == 1


def test_an_added_threshold_joins_its_rules_and_every_later_set(organisation, defaults, officer):
    procedure_threshold_add(organisation=organisation, name="Review threshold",
                            from_value=Decimal("25000.00"), route="Reviewed by procurement",
                            effective_from=date(2017, 4, 1), actor=officer)
    assert review_threshold_on(organisation=organisation, on=date(2017, 3, 31)) == Decimal("10000.00")
    assert review_threshold_on(organisation=organisation, on=date(2017, 4, 1)) == Decimal("25000.00")
    assert review_threshold_on(organisation=organisation, on=date(2026, 1, 1)) == Decimal("25000.00")
    assert len(ladder(organisation, date(2017, 4, 1))) == 4


def test_one_set_of_rules_cannot_have_two_thresholds_of_one_name(organisation, defaults, officer):
    with pytest.raises(BusinessRuleViolation, match="THR-2"):
        procedure_threshold_add(organisation=organisation, name="three written quotations",
                                from_value=Decimal("12000.00"), route="Three quotes", effective_from=START,
                                actor=officer)
    assert len(ladder(organisation, START)) == 3


def test_a_negative_threshold_is_refused(organisation, officer):
    with pytest.raises(BusinessRuleViolation, match="THR-1"):
        procedure_threshold_add(organisation=organisation, name="Odd", from_value=Decimal("-1.00"),
                                route="None", effective_from=START, actor=officer)
    assert not ProcedureThreshold.objects.filter(organisation=organisation).exists()
