"""The KPI definitions of DESIGN.md section 5 as SQL conditions, shared by the summary table and the lines."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.lookups import Exact, In

from procure.contracts.choices import CategoryScheme, RouteToMarket
from procure.contracts.models import Category
from procure.spend.choices import Coverage
from procure.suppliers.choices import SME_SIZES
from procure.suppliers.models import PostcodeDistrict, SupplierClassification

ICT_BRANCH = "Information Communication Technology"
_SUBTREE_PATHS = ("pk", "parent_id", "parent__parent_id", "parent__parent__parent_id")


def month_start(day: date) -> date:
    return day.replace(day=1)


def classification_on_payment_date(field: str) -> Subquery:
    """KPI-6: the supplier's classification holding on the line's date: the latest from on or before it."""
    holding = SupplierClassification.objects.filter(
        supplier_id=OuterRef("supplier_id"), valid_from__lte=OuterRef("payment_date")).order_by("-valid_from")
    return Subquery(holding.values(field)[:1])


def is_sme_on_payment_date() -> In:
    """KPI-6: an SME (micro, small, medium, or 'SME' with no band) on the line's date."""
    return In(classification_on_payment_date("size"), list(SME_SIZES))


def is_vcse_on_payment_date() -> Exact:
    """KPI-6: a voluntary, community or social enterprise on the line's date."""
    return Exact(classification_on_payment_date("is_vcse"), True)


def procurable() -> Q:
    """KPI-1: every line but the non-procurable ones counts towards the total."""
    return ~Q(coverage=Coverage.NON_PROCURABLE)


def contracted() -> Q:
    """KPI-2: lines on contract."""
    return Q(coverage=Coverage.COVERED)


def collaborative_contract() -> Q:
    """KPI-7: the line's contract was let collaboratively, or called off a public buying organisation's
    framework."""
    return Q(contract__route=RouteToMarket.COLLABORATIVE) | Q(
        contract__route=RouteToMarket.FRAMEWORK_CALL_OFF, contract__framework__is_public_buying_organisation=True)


def collaborative() -> Q:
    """KPI-7: contracted lines on a collaborative contract."""
    return contracted() & collaborative_contract()


def subtree_ids(root_ids) -> list[int]:
    """The categories given and every category below them (the tree is at most four levels deep)."""
    roots = list(root_ids)
    if not roots:
        return []
    condition = Q()
    for path in _SUBTREE_PATHS:
        condition |= Q(**{f"{path}__in": roots})
    return list(Category.objects.filter(condition).values_list("pk", flat=True))


def ict_category_ids() -> list[int]:
    """KPI-8: the ProClass ICT branch (the top-level category named Information Communication Technology)."""
    roots = Category.objects.filter(scheme=CategoryScheme.PROCLASS, level=1, name__iexact=ICT_BRANCH)
    return subtree_ids(roots.values_list("pk", flat=True))


def non_ict(ict_ids: list[int]) -> Q:
    """KPI-8: lines outside the ICT branch; lines without a category count as non-ICT."""
    return Q(category__isnull=True) | ~Q(category_id__in=ict_ids)


def known_districts():
    """Postcode districts the district table knows: a supplier elsewhere has no usable postcode (KPI-5)."""
    return PostcodeDistrict.objects.values("district")


def local_unknown() -> Q:
    """KPI-5: lines whose supplier has no usable postcode (none, not a postcode, or a district not in the
    table), or that have no supplier at all: not local, and reported as unknown."""
    return (Q(supplier__isnull=True) | Q(supplier__postcode_district="")
            | ~Exists(PostcodeDistrict.objects.filter(district=OuterRef("supplier__postcode_district"))))
