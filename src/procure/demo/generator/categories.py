"""Finding the ProClass categories the demo uses among those the contracts app loaded."""

from procure.contracts.choices import CategoryScheme
from procure.contracts.models import Category
from procure.demo.generator.catalogue import CATEGORIES, CategorySpec

# Level 1 codes that do not follow 'first two digits, then zeros'.
_LEVEL1_CODES = {"Social Community Care Supplies & Services - Adult": "321000"}


def resolve_categories() -> tuple[dict[str, Category], int]:
    """The Category row for each demo category code, and how many rows had to be added.

    Rows are found by ProClass code, or else by their path or name under the right parent. Only when the
    database holds no such category (the ProClass data not loaded yet) is it added, as ProClass.
    """
    found: dict[str, Category] = {}
    codes = [spec.code for spec in CATEGORIES]
    for category in Category.objects.filter(scheme=CategoryScheme.PROCLASS, code__in=codes):
        found[category.code] = category
    added = 0
    for spec in CATEGORIES:
        if spec.code in found:
            continue
        category = _by_name(spec)
        if category is None:
            category = _add(spec)
            added += 1
        found[spec.code] = category
    return found, added


def _by_name(spec: CategorySpec) -> Category | None:
    proclass = Category.objects.filter(scheme=CategoryScheme.PROCLASS)
    return (proclass.filter(path__iexact=spec.path).first()
            or proclass.filter(name__iexact=spec.level2, parent__name__iexact=spec.level1).first())


def _add(spec: CategorySpec) -> Category:
    proclass = Category.objects.filter(scheme=CategoryScheme.PROCLASS)
    parent = proclass.filter(level=1, name__iexact=spec.level1).first()
    if parent is None:
        parent, _ = Category.objects.get_or_create(
            scheme=CategoryScheme.PROCLASS, code=_LEVEL1_CODES.get(spec.level1, spec.code[:2] + "0000"),
            defaults={"name": spec.level1, "level": 1, "path": spec.level1})
    return Category.objects.create(scheme=CategoryScheme.PROCLASS, code=spec.code, name=spec.level2,
                                   parent=parent, level=2, path=spec.path)
