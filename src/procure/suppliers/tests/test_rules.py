from datetime import date

import pytest

from procure.core.errors import BusinessRuleViolation
from procure.suppliers import rules
from procure.suppliers.choices import SupplierSize


@pytest.mark.parametrize(("raw", "tidy", "valid"), [
    ("pr45sb", "PR4 5SB", True), ("PR4 5SB", "PR4 5SB", True), ("sw1a1aa", "SW1A 1AA", True),
    ("M1 1AE", "M1 1AE", True), ("PR4", "PR4", False), ("12345", "12345", False), ("not known", "NOT KNOWN", False),
])
def test_postcodes_are_tidied_and_checked(raw, tidy, valid):
    assert rules.normalise_postcode(raw) == tidy
    assert rules.is_valid_postcode(raw) is valid


def test_postcode_district_is_the_outward_code():
    assert rules.postcode_district("PR4 5SB") == "PR4"
    assert rules.postcode_district("nonsense") == ""


def test_a_postcode_that_is_not_a_uk_postcode_breaks_sup_3():
    with pytest.raises(BusinessRuleViolation, match="SUP-3"):
        rules.check_postcode("ABC")
    rules.check_postcode("")


def test_a_supplier_needs_a_legal_name():
    with pytest.raises(BusinessRuleViolation, match="Enter the supplier's legal name"):
        rules.check_legal_name("  ")


@pytest.mark.parametrize(("number", "valid"), [
    ("04166647", True), ("SC117119", True), ("OC301234", True), ("R0000123", True), ("ABC", False),
    ("0416664", False),
])
def test_company_numbers_have_the_registers_form(number, valid):
    assert rules.is_valid_company_number(number) is valid


@pytest.mark.parametrize(("text", "size"), [
    ("micro", SupplierSize.MICRO), ("Small", SupplierSize.SMALL), ("Medium enterprise", SupplierSize.MEDIUM),
    ("LARGE", SupplierSize.LARGE), ("Y", SupplierSize.SME), ("yes", SupplierSize.SME), ("SME", SupplierSize.SME),
    ("N", SupplierSize.LARGE), ("Non-SME", SupplierSize.LARGE), ("", None), ("Unknown", SupplierSize.UNKNOWN),
])
def test_sizes_are_read_as_supplier_files_write_them(text, size):
    assert rules.size_from_text(text) == size


def test_a_size_that_is_no_size_says_what_to_write():
    with pytest.raises(ValueError, match="use micro, small, medium or large"):
        rules.size_from_text("huge")


def test_an_sme_flag_counts_as_an_sme_and_large_does_not():
    assert rules.is_sme(SupplierSize.SME) and rules.is_sme(SupplierSize.MICRO)
    assert not rules.is_sme(SupplierSize.LARGE) and not rules.is_sme(SupplierSize.UNKNOWN)


def test_size_band_and_sme_flag_must_agree():
    assert rules.sizes_agree(SupplierSize.SMALL, SupplierSize.SME)
    assert not rules.sizes_agree(SupplierSize.LARGE, SupplierSize.SME)
    assert not rules.sizes_agree(SupplierSize.MICRO, SupplierSize.LARGE)
    assert rules.sizes_agree(None, SupplierSize.SME)


def test_yes_no_cells():
    assert rules.yes_no_from_text("Yes", what="VCSE") is True
    assert rules.yes_no_from_text("n", what="VCSE") is False
    assert rules.yes_no_from_text("", what="VCSE") is None
    with pytest.raises(ValueError, match="not yes or no"):
        rules.yes_no_from_text("perhaps", what="VCSE")


def test_a_first_classification_holds_from_the_start_and_a_change_from_today():
    today = date(2025, 6, 1)
    assert rules.classification_date_for_change(has_classification=False, stated_from=None, today=today) == \
        rules.CLASSIFIED_FROM_THE_START
    assert rules.classification_date_for_change(has_classification=True, stated_from=None, today=today) == today
    assert rules.classification_date_for_change(
        has_classification=True, stated_from=date(2024, 4, 1), today=today) == date(2024, 4, 1)
