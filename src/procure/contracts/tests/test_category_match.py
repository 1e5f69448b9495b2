import csv
from collections import Counter

import pytest

from procure.contracts.category_matching import CategoryEntry, CategoryMatcher, words
from procure.contracts.reference_data import proclass_rows
from procure.contracts.selectors import category_match, category_match_cache_clear


@pytest.fixture(scope="module")
def matcher():
    """ProClass straight from the vendored file: the matcher itself needs no database."""
    return CategoryMatcher([CategoryEntry(int(row.code), row.code, row.names) for row in proclass_rows()])


@pytest.mark.parametrize(("label", "code"), [
    ("191400", 191400), (191400, 191400), (191400.0, 191400), ("191400.0", 191400),
    ("Lifts", 191400), ("LIFTS", 191400), ("lifts", 191400),
    ("FACILITIES MGT : Lifts", 191400),
    ("Facilities & Management Services > Lifts > Repair & Maintenance", 191411),
    ("HORTICULTURAL : Tools & Equipm", 241500),
    ("BUILDING MATERIALS : Electrica", 101100),
    ("HR : Travel", 261600),
    ("ICT : Hardware", 271200),
    ("UTILITIES : Gas", 371100),
    ("TRAFFIC MANAGEMENT : Car Parks", 351000),
    ("works - construction, repair & maint.buildings.maintenance.planned", 391111),
    ("human resources.training & conferences.training & conferences.service", 261500),
    ("information communication technology.software.commercial off-the-shelf.products", 271430),
    ("facilities\xa0& management.printing.printing.publication of information", 191600),
    ("internal.vehicle management.maintenance.service, not buses", 381400),
    ("CLOTHING.PROTECTIVE.PROTECTIVE.PRODUCTS, INCLUDES PPE & WORKWEAR", 141100),
])
def test_labels_finance_systems_write_find_their_category(matcher, label, code):
    assert matcher.match(label) == code


@pytest.mark.parametrize("label", [
    "", None, "NA", "Not Classified", "999999", "131300",
    "Equipment",  # a name many categories share
    "Not Elsewhere Classified",
    "SOCIAL CARE : Residential Care",  # adults' or children's: not clear
    "CONSULTANCY : Environmental",  # the top part names another branch than the leaf
    "lfrs.expenditure.supplies_&_services.fire_hoses",  # a ledger code, not ProClass
    "fire & rescue.foams.foams.prods, incl all fire fighting materials",
])
def test_unclear_labels_match_nothing(matcher, label):
    assert matcher.match(label) is None


def test_words_expand_abbreviations_and_drop_punctuation():
    assert words("FACILITIES MGT : Lifts") == ("facilities", "management", "lifts")
    assert words("Vehicle_&_Plant_R&M") == ("vehicle", "plant", "repair", "maintenance")


@pytest.mark.django_db
def test_category_match_returns_the_category_row():
    category_match_cache_clear()
    category = category_match("FACILITIES MGT : Lifts")
    assert (category.code, category.path) == ("191400", "Facilities & Management Services > Lifts")


@pytest.mark.django_db
def test_category_match_answers_again_from_its_cache(django_assert_num_queries):
    category_match_cache_clear()
    first = category_match("HR : Travel")
    with django_assert_num_queries(0):
        answers = [category_match(label) for label in ["HR : Travel", "hr : travel", "Lifts", "NA"] * 5000]
    assert answers[0] is first
    assert answers[2].code == "191400"


def _trafford(shared_data):
    path = shared_data / "spend" / "trafford_supplier_spend_2026-05_over500.csv"
    if not path.exists():
        pytest.skip("Trafford sample file not present")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return Counter((row["ProclassLabel"], row["ProclassCode"]) for row in csv.DictReader(handle))


def test_trafford_labels_agree_with_their_codes(matcher, shared_data):
    """Where Trafford's label names the category its code names, the label alone finds that category."""
    names = {row.code: row.name for row in proclass_rows()}
    pairs = [(label, code) for label, code in _trafford(shared_data)
             if code in names and words(label.split(":")[-1]) == words(names[code])]
    found = [label for label, code in pairs if matcher.match(label) == int(code)]
    assert len(pairs) >= 35
    assert len(found) / len(pairs) >= 0.95


def test_trafford_codes_find_their_category_when_proclass_has_them(matcher, shared_data):
    codes = {code for _, code in _trafford(shared_data)}
    known = {row.code for row in proclass_rows()}
    assert all(matcher.match(code) == int(code) for code in codes & known)
    assert all(matcher.match(code) is None for code in codes - known)


def _fire_labels(shared_data) -> Counter:
    from openpyxl import load_workbook

    files = sorted((shared_data / "spend" / "lancashire_fire_xlsx").glob("fire-*.xlsx"))
    if not files:
        pytest.skip("Lancashire Fire sample files not present")
    labels: Counter = Counter()
    for path in files:
        workbook = load_workbook(path, read_only=True)
        for row in workbook.active.iter_rows(min_row=2, values_only=True):
            if row and isinstance(row[2], str) and "." in row[2]:
                labels[row[2]] += 1
        workbook.close()
    return labels


def test_lancashire_fire_dotted_paths(matcher, shared_data):
    """ProClass-style paths find a category; the ledger's own codes ('lfrs.…') are left alone."""
    labels = _fire_labels(shared_data)
    ledger = [label for label in labels if label.lower().startswith("lfrs.")]
    proclass_tops = {words(row.names[0]) for row in proclass_rows()}
    proclass_like = [label for label in labels if words(label.split(".")[0]) in proclass_tops]
    assert ledger and all(matcher.match(label) is None for label in ledger)
    assert len(proclass_like) >= 100
    assert all(matcher.match(label) is not None for label in proclass_like)
