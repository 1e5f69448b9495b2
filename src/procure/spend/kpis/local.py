"""KPI-5, local spend: the supplier's postcode district, through the postcode district table, to the share of
it lying in the organisation's county and in its region.

A district split between authorities counts by its share in the area (suppliers.geography.local_share: the
area's shares over the district's total, to 4 places). A supplier without a usable postcode (none, not a
postcode, or a district the table does not know) and a line without a supplier count as not local, and are
reported apart as unknown. Each organisation of a group counts by its own county and region.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from procure.core.money import PENNY, ZERO
from procure.organisations.models import Organisation
from procure.suppliers.geography import SHARE_PLACES, district_shares_in_area
from procure.suppliers.models import PostcodeDistrict

LEVELS = ("county", "region")


@dataclass(frozen=True)
class LocalSpend:
    county: Decimal = ZERO
    region: Decimal = ZERO
    unknown: Decimal = ZERO


def _area(organisation: Organisation, level: str) -> dict[str, str]:
    code = organisation.local_county_code if level == "county" else organisation.local_region_code
    return {f"{level}_code": code} if code else {}


def district_weights(organisation: Organisation, level: str) -> dict[str, Decimal]:
    """{district: share in the organisation's county (or region)} for every district with a part there."""
    area = _area(organisation, level)
    if not area:
        return {}
    return {row["district"]: min(Decimal(row["local"]) / Decimal(row["total"]), Decimal(1)).quantize(SHARE_PLACES)
            for row in district_shares_in_area(**area)}


def local_spend(districts: list[tuple[int, str, Decimal]], organisations: list[Organisation]) -> LocalSpend:
    """Local and unknown spend from procurable spend summed by (organisation, supplier's postcode district)."""
    known = set(PostcodeDistrict.objects.order_by().values_list("district", flat=True).distinct())
    weights = {(organisation.pk, level): district_weights(organisation, level)
               for organisation in organisations for level in LEVELS}
    county = region = unknown = Decimal(0)
    for organisation_id, district, amount in districts:
        if not district or district not in known:
            unknown += amount
            continue
        county += amount * weights[(organisation_id, "county")].get(district, 0)
        region += amount * weights[(organisation_id, "region")].get(district, 0)
    return LocalSpend(_pennies(county), _pennies(region), _pennies(unknown))


def _pennies(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def local_area(organisations: list[Organisation], *, level: str) -> Q:
    """Lines whose supplier's district has any part in their organisation's county (or region)."""
    condition = Q(pk__in=[])
    for organisation in organisations:
        area = _area(organisation, level)
        if area:
            districts = district_shares_in_area(**area).values("district")
            condition |= Q(organisation=organisation, supplier__postcode_district__in=districts)
    return condition


def area_names(organisations: list[Organisation]) -> tuple[str, str]:
    """The names of the organisations' local county and region ('Lancashire', 'North West'), from the
    postcode district table; several joined by 'and'; 'county' or 'local' when the table does not know."""
    names = {}
    for level in LEVELS:
        codes = {_area(organisation, level).get(f"{level}_code") for organisation in organisations} - {None}
        found = (PostcodeDistrict.objects.filter(**{f"{level}_code__in": codes}).order_by(f"{level}_name")
                 .values_list(f"{level}_name", flat=True).distinct())
        names[level] = " and ".join(found) or ("county" if level == "county" else "local")
    return names["county"], names["region"]
