from datetime import date
from decimal import Decimal

import pytest

from procure.core.errors import BusinessRuleViolation
from procure.spend.choices import ReviewAction, ReviewStatus
from procure.spend.review import rules
from procure.spend.review.rules import Rung

LADDER = [Rung("Single quotation", Decimal("0.00"), "One quote"),
          Rung("Three written quotations", Decimal("10000.00"), "Three quotes"),
          Rung("Invitation to tender", Decimal("50000.00"), "Tender")]


@pytest.mark.parametrize(("as_at", "starts_on"), [
    (date(2017, 3, 31), date(2016, 4, 1)),
    (date(2024, 2, 29), date(2023, 3, 1)),
    (date(2025, 1, 1), date(2024, 1, 2)),
])
def test_review_window_is_the_twelve_months_ending_on_the_as_at_date(as_at, starts_on):
    assert rules.review_window(as_at) == (starts_on, as_at)


def test_review_threshold_is_the_lowest_threshold_above_a_single_quotation():
    assert rules.review_threshold(LADDER) == Decimal("10000.00")


def test_review_threshold_named_in_the_rules_overrides_the_default():
    configured = [*LADDER, Rung("review threshold", Decimal("25000.00"), "Review")]
    assert rules.review_threshold(configured) == Decimal("25000.00")
    assert rules.procedure_values(configured) == [Decimal("10000.00"), Decimal("50000.00")]


def test_rules_with_only_a_single_quotation_have_no_review_threshold():
    assert rules.review_threshold(LADDER[:1]) is None


def test_procurement_act_threshold_is_stored_net_of_vat_and_names_the_figure_including_vat():
    rung = rules.procurement_act_rung()
    assert rung.from_value == Decimal("173100.00")
    assert "£207,720.00 including VAT" in rung.name


@pytest.mark.parametrize(("effective_from", "starts"), [
    (date(2016, 4, 1), [date(2016, 4, 1), date(2026, 1, 1)]),
    (date(2026, 1, 1), [date(2026, 1, 1)]),
    (date(2026, 4, 1), [date(2026, 4, 1)]),
])
def test_default_rules_gain_the_procurement_act_threshold_from_january_2026(effective_from, starts):
    ladders = rules.default_ladders(effective_from)
    assert [day for day, _ in ladders] == starts
    assert [rung.from_value for rung in ladders[-1][1]] == [Decimal("0.00"), Decimal("10000.00"),
                                                            Decimal("50000.00"), Decimal("173100.00")]
    if len(ladders) == 2:
        assert Decimal("173100.00") not in [rung.from_value for rung in ladders[0][1]]


def test_split_band_runs_from_ninety_per_cent_of_a_threshold_to_a_penny_under_it():
    assert rules.split_band(Decimal("10000.00")) == (Decimal("9000.00"), Decimal("10000.00"))
    assert rules.split_band(Decimal("173100.00")) == (Decimal("155790.00"), Decimal("173100.00"))


def test_an_exemption_needs_a_reason():
    with pytest.raises(BusinessRuleViolation, match="REV-7"):
        rules.check_action_reason(ReviewAction.EXEMPT, "   ")
    rules.check_action_reason(ReviewAction.EXEMPT, "Sole supplier of the force's radio encryption keys")
    rules.check_action_reason(ReviewAction.TENDER, "")


def test_an_item_is_done_only_once_its_action_is_chosen():
    with pytest.raises(BusinessRuleViolation, match="REV-8"):
        rules.check_status_allowed(ReviewStatus.DONE, ReviewAction.UNDECIDED)
    rules.check_status_allowed(ReviewStatus.DONE, ReviewAction.TENDER)
    rules.check_status_allowed(ReviewStatus.CLOSED_NO_ACTION, ReviewAction.UNDECIDED)


def test_a_threshold_cannot_be_negative_nor_changed_before_its_rules_start():
    with pytest.raises(BusinessRuleViolation, match="THR-1"):
        rules.check_threshold_value(Decimal("-0.01"))
    with pytest.raises(BusinessRuleViolation, match="THR-3"):
        rules.check_change_date(date(2016, 3, 31), date(2016, 4, 1))
    rules.check_change_date(date(2016, 4, 1), date(2016, 4, 1))
