from collections import Counter

import pytest

from procure.contracts.models import Category, CpvCode
from procure.contracts.reference_data import cpv_rows, cpv_significant_digits, proclass_rows

pytestmark = pytest.mark.django_db


def test_proclass_is_loaded_as_a_three_level_tree():
    categories = Category.objects.filter(scheme="proclass")
    assert categories.count() == 586
    assert Counter(categories.values_list("level", flat=True)) == {1: 32, 2: 284, 3: 270}
    assert not categories.filter(level=1, parent__isnull=False).exists()
    assert not categories.filter(level__gt=1, parent__isnull=True).exists()


def test_a_proclass_leaf_knows_its_parent_level_and_path():
    leaf = Category.objects.select_related("parent__parent").get(scheme="proclass", code="191411")
    assert leaf.name == "Repair & Maintenance"
    assert leaf.level == 3
    assert leaf.path == "Facilities & Management Services > Lifts > Repair & Maintenance"
    assert (leaf.parent.code, leaf.parent.parent.code) == ("191400", "190000")
    assert leaf.clarification


def test_the_tree_follows_the_names_not_the_digits():
    furniture = Category.objects.get(scheme="proclass", code="171112")
    assert furniture.path == "Furniture & Soft Furnishings > Educational Furniture"


def test_every_cpv_code_is_loaded_with_its_level():
    assert CpvCode.objects.count() == 9454
    assert CpvCode.objects.get(code="30192000-1").description == "Office supplies"
    assert CpvCode.objects.filter(significant_digits=2).count() == 45


@pytest.mark.parametrize("code", ["30000000-9", "50000000-5", "60000000-8", "70000000-1", "80000000-4",
                                  "90000000-7"])
def test_division_codes_without_a_real_code_in_the_source_load_as_divisions(code):
    assert CpvCode.objects.get(code=code).significant_digits == 2


def test_significant_digits_come_from_the_plain_code_when_missing():
    assert cpv_significant_digits("30000000", "") == 2
    assert cpv_significant_digits("03110000", "") == 4
    assert cpv_significant_digits("03110000", "0311") == 4


def test_vendored_files_are_read_whole():
    assert len(proclass_rows()) == 586
    assert sum(1 for _ in cpv_rows()) == 9454
