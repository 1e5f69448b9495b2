import pytest

from procure.contracts.choices import CategoryScheme
from procure.contracts.models import Category
from procure.demo.generator.categories import resolve_categories

pytestmark = pytest.mark.django_db


def test_categories_are_found_by_their_proclass_code():
    found, added = resolve_categories()
    electricity = Category.objects.get(scheme=CategoryScheme.PROCLASS, code="371000")
    assert found["371000"] == electricity and added == 0


def test_a_category_filed_under_another_code_is_found_by_its_path():
    Category.objects.filter(scheme=CategoryScheme.PROCLASS, code="371000").update(code="37.10.00")
    found, added = resolve_categories()
    assert found["371000"].code == "37.10.00" and added == 0


def test_a_missing_category_is_added_under_its_proclass_parent():
    Category.objects.filter(scheme=CategoryScheme.PROCLASS, code="371000").delete()
    found, added = resolve_categories()
    assert added == 1
    assert found["371000"].path == "Utilities > Electricity" and found["371000"].parent.name == "Utilities"
