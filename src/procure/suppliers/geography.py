"""Where a supplier is: postcode district -> local authorities (weighted by share) -> county and region.

Reads the postcode district table shipped with Procure (suppliers/data/README.md, docs/geography.md).
"""

from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from procure.suppliers.models import PostcodeDistrict, Supplier
from procure.suppliers.rules import postcode_district

SHARE_PLACES = Decimal("0.0001")
NOTHING = Decimal("0.0000")


def district_of(postcode_or_district: str) -> str:
    """'pr1 2ab', 'PR1 2AB' and 'PR1' all give 'PR1'; anything that is not a UK postcode gives ''."""
    return postcode_district(postcode_or_district or "")


def district_localities(district: str) -> list[PostcodeDistrict]:
    """The authorities a postcode district lies in, largest share first (a full postcode works too).

    Empty for a district the table does not know (a retired or non-geographic one such as FY0) or for text
    that is not a postcode.
    """
    code = district_of(district)
    if not code:
        return []
    return list(PostcodeDistrict.objects.filter(district=code).order_by("-share", "local_authority_code"))


def _area(county_code: str, region_code: str) -> Q | None:
    if not (county_code or region_code):
        return None
    area = Q()
    if county_code:
        area &= Q(county_code=county_code)
    if region_code:
        area &= Q(region_code=region_code)
    return area


def local_share(*, district: str, county_code: str = "", region_code: str = "") -> Decimal:
    """The share (0 to 1, 4 places) of a district's postcodes lying in a county, a region, or both.

    Weighted by each authority's share of the district, and divided by the district's total so that a
    district wholly in the area gives exactly 1 although its rounded shares may add up to 0.9999. Unitary
    authorities have no county, so their part of a district is never in a county. 0 when the district is
    unknown, is not a postcode, or no area is given.
    """
    area = _area(county_code, region_code)
    code = district_of(district)
    if area is None or not code:
        return NOTHING
    sums = PostcodeDistrict.objects.filter(district=code).aggregate(
        total=Sum("share"), local=Sum("share", filter=area))
    if not sums["total"] or not sums["local"]:
        return NOTHING
    return min(Decimal(sums["local"]) / Decimal(sums["total"]), Decimal(1)).quantize(SHARE_PLACES)


def district_shares_in_area(*, county_code: str = "", region_code: str = "") -> QuerySet:
    """Set-based form of `local_share` for reports: rows of (district, local, total) for every district with
    a postcode in the area. Join it on `Supplier.postcode_district` (e.g. in a Subquery) and weight spend by
    local / total; a district missing from it is not local."""
    area = _area(county_code, region_code)
    if area is None:
        return PostcodeDistrict.objects.none().values("district")
    return (PostcodeDistrict.objects.values("district")
            .annotate(local=Sum("share", filter=area), total=Sum("share")).filter(local__gt=0)
            .order_by("district"))


def locality_label(rows: list[PostcodeDistrict]) -> str:
    """'Preston, Lancashire, North West' from the authority holding most of the district ('' for none)."""
    if not rows:
        return ""
    main = next((row for row in rows if row.is_primary), rows[0])
    parts = (main.local_authority_name, main.county_name, main.region_name)
    return ", ".join(part for part in parts if part)


def supplier_locality(supplier: Supplier) -> str:
    """Where the supplier's postcode lies, for display: 'Preston, Lancashire, North West'.

    From the authority holding most of its postcode district; '' when the postcode is missing, is not a UK
    postcode, or its district is not in the table.
    """
    district = supplier.postcode_district or district_of(supplier.postcode)
    return locality_label(district_localities(district)) if district else ""
