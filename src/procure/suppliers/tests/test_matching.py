import pytest
from hypothesis import given
from hypothesis import strategies as st

from procure.suppliers.matching import (
    SupplierNameIndex,
    compact_name,
    name_variants,
    names_conflict,
    normalise_company_number,
    normalise_name,
)

names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
ledger_names = st.lists(
    st.sampled_from(["Acme", "acme", "LTD", "Limited", "&", "t/a", "#", "2", "The", "Co", "*", "F.R.", "Café", "-",
                     "(UK)", "trading as", "  ", "o'brien", "C.I.C.", "Was", "REDACTED", "plc", "01"]),
    max_size=12).map(" ".join)


@pytest.mark.parametrize(("raw", "normalised"), [
    ("Acme Ltd", "ACME"),
    ("ACME LIMITED", "ACME"),
    ("The Acme Company Ltd.", "ACME"),
    ("Smith & Sons", "SMITH AND SONS"),
    ("Smith + Sons Ltd", "SMITH AND SONS"),
    ("O'Brien's Bakery", "OBRIENS BAKERY"),
    ("F.R. Sharrock Ltd", "FR SHARROCK"),
    ("F R SHARROCK LTD", "FR SHARROCK"),
    ("The Bureau Centre for the Arts C.I.C.", "BUREAU CENTRE FOR THE ARTS"),
    ("Old Vicarage Limited (The)", "OLD VICARAGE"),
    ("Café Nero Ltd", "CAFE NERO"),
    ("AMAZON*MARKETPLACE", "AMAZON"),
    ("Colas Ltd 01", "COLAS"),
    ("Bolton New Care Ltd T/A Home Instead", "BOLTON NEW CARE"),
    ("KEYMEN ASSOCIATES LTD#MAYDAY", "KEYMEN ASSOCIATES"),
    ("Ltd", "LTD"),
])
def test_normalise_name_makes_spellings_of_one_name_agree(raw, normalised):
    assert normalise_name(raw) == normalised


@pytest.mark.parametrize(("raw", "variants"), [
    ("Bolton New Care Ltd T/A Home Instead Senior Care", ["BOLTON NEW CARE", "HOME INSTEAD SENIOR CARE"]),
    ("A Smith trading as Smith Plumbing", ["A SMITH", "SMITH PLUMBING"]),
    ("NRS Healthcare#Nottingham Rehab Limited", ["NRS HEALTHCARE", "NOTTINGHAM REHAB"]),
    ("Belong Wigan#2", ["BELONG WIGAN"]),
    ("EMO OIL LTD#WAS SHELL OIL", ["EMO OIL"]),
    ("MOSS HALL FARM CATTERY#REDACTED - Personal Data", ["MOSS HALL FARM CATTERY"]),
    ("3663", ["3663"]),
])
def test_name_variants_keep_every_name_a_ledger_line_carries_and_drop_what_is_not_a_name(raw, variants):
    assert name_variants(raw) == variants


@given(names)
def test_normalising_twice_changes_nothing(name):
    assert normalise_name(normalise_name(name)) == normalise_name(name)


@given(ledger_names)
def test_normalising_ledger_like_names_twice_changes_nothing(name):
    assert normalise_name(normalise_name(name)) == normalise_name(name)


@given(names)
def test_normalisation_ignores_case(name):
    assert normalise_name(name.upper()) == normalise_name(name) == normalise_name(name.lower())


@given(ledger_names)
def test_normalised_names_hold_only_capitals_digits_and_single_spaces(name):
    normalised = normalise_name(name)
    assert all(char.isascii() and (char.isupper() or char.isdigit() or char == " ") for char in normalised)
    assert "  " not in normalised and normalised == normalised.strip()


@given(st.text(alphabet="ABC 123.-", max_size=30))
def test_every_variant_is_already_normalised(name):
    assert all(normalise_name(variant) == variant for variant in name_variants(name))


@pytest.mark.parametrize(("raw", "number"), [
    ("4166647", "04166647"), ("04166647", "04166647"), ("sc117119", "SC117119"), ("SC 12345", "SC012345"),
    ("", ""), ("N/A", ""), ("0", ""),
])
def test_company_numbers_get_back_their_leading_zeros(raw, number):
    assert normalise_company_number(raw) == number


def test_names_differing_in_a_number_or_a_compass_point_conflict():
    assert names_conflict("VOYAGE 1", "VOYAGE 2")
    assert names_conflict("LARCHWOOD CARE NORTH", "LARCHWOOD CARE SOUTH")
    assert not names_conflict("LARCHWOOD CARE", "LARCHWOOD CARE HOMES")


def _index(*names: str, numbers: dict[str, int] | None = None) -> SupplierNameIndex:
    return SupplierNameIndex([(normalise_name(name), position, name) for position, name in enumerate(names, 1)],
                             numbers)


def test_company_number_wins_over_any_name():
    index = _index("Acme Ltd", "Other Ltd", numbers={"04166647": 2})
    result = index.match("Acme Ltd", company_number="4166647")
    assert (result.supplier_id, result.method) == (2, "company_number")


def test_exact_name_links_whatever_the_spelling_of_ltd_and_case():
    result = _index("ACME WIDGETS LIMITED").match("Acme Widgets Ltd.")
    assert (result.supplier_id, result.method, result.score) == (1, "exact", 100.0)


def test_same_letters_without_spaces_link_exactly():
    assert _index("Home Care For You Ltd").match("HOMECARE FOR YOU LTD").method == "exact"


def test_a_second_name_on_the_ledger_line_links_when_only_it_is_known():
    result = _index("Community Care Options").match("BOLTON SHOPMOBILITY#COMMUNITY CARE OPTIONS")
    assert (result.supplier_id, result.method) == (1, "exact")


def test_two_suppliers_holding_the_name_make_a_tie_for_a_person():
    result = _index("Acme Ltd", "ACME LIMITED").match("Acme")
    assert result.supplier_id is None and result.method == "review"
    assert {s.supplier_id for s in result.suggestions} == {1, 2}


def test_names_of_two_suppliers_on_one_line_go_to_a_person():
    result = _index("NRS Healthcare", "Nottingham Rehab").match("NRS Healthcare#Nottingham Rehab Limited")
    assert result.method == "review" and len(result.suggestions) == 2


def test_a_small_slip_of_spelling_links():
    result = _index("Lancashire Engineering Services Ltd", "Preston Plumbing").match("Lancashire Enginering Services")
    assert (result.supplier_id, result.method) == (1, "fuzzy")
    assert result.score >= 92


def test_close_spelling_with_a_different_distinctive_word_does_not_link():
    index = _index("Brookfield Residential Care Home Ltd", "Aegis Residential Care Homes Ltd", "Colas Ltd")
    result = index.match("BROWFIELD RESIDENTIAL CARE HOME")
    assert result.supplier_id is None


def test_close_spelling_with_a_different_number_does_not_link():
    result = _index("Orchard Care Homes.com (6) Ltd").match("Orchard Care Homes.com (7) Ltd")
    assert result.supplier_id is None and result.method == "review"


def test_a_close_spelling_without_a_clear_lead_goes_to_a_person():
    result = _index("Acme Widgets Ltd", "Acme Widget Ltd").match("Acme Widgetz")
    assert result.supplier_id is None and result.method == "review"
    assert {s.supplier_id for s in result.suggestions} == {1, 2}


def test_uncertain_names_get_ranked_suggestions_best_first():
    index = _index("Gedling Village Ltd", "Aegis Residential Care Homes Ltd", "Southlands Residential Home Ltd")
    result = index.match("Gedling Village Care Home")
    assert result.method == "review"
    assert result.suggestions[0].name == "Gedling Village Ltd"
    assert [s.score for s in result.suggestions] == sorted((s.score for s in result.suggestions), reverse=True)


def test_a_name_like_nothing_in_the_register_matches_nothing():
    result = _index("Acme Ltd", "Colas Ltd").match("Zebra Crossing Painters")
    assert (result.supplier_id, result.method, result.suggestions) == (None, "none", [])


def test_a_payee_whose_company_number_differs_from_the_named_supplier_goes_to_a_person():
    index = _index("Acme Ltd", numbers={"01111111": 1})
    result = index.match("Acme Ltd", company_number="02222222")
    assert result.supplier_id is None and result.method == "review"
    assert result.suggestions[0].supplier_id == 1


def test_added_names_match_from_then_on():
    index = _index("Acme Ltd")
    index.add(normalise_name("Acme Trading"), 1, "Acme Ltd")
    assert index.match("ACME TRADING LIMITED").supplier_id == 1


def test_compact_name_drops_spaces_only():
    assert compact_name("HOME CARE 4 YOU") == "HOMECARE4YOU"


def test_a_persons_decision_settles_a_tie_between_suppliers_holding_the_name():
    index = SupplierNameIndex([("ACME", 1, "Acme Ltd"), ("ACME", 2, "ACME LIMITED")], decisions={"ACME": 2})
    result = index.match("Acme Ltd")
    assert (result.supplier_id, result.method) == (2, "exact")
