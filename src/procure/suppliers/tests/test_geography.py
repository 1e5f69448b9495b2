import csv
import hashlib
from decimal import Decimal

import pytest
from django.db.models import Count, Q, Sum
from django.urls import reverse

from procure.core.testing import shared_data_dir
from procure.suppliers.geography import (
    district_localities,
    district_shares_in_area,
    local_share,
    supplier_locality,
)
from procure.suppliers.geography_data import POSTCODE_DISTRICTS_FILE, postcode_district_rows
from procure.suppliers.models import PostcodeDistrict
from procure.suppliers.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db

LANCASHIRE = "E10000017"
MERSEYSIDE = "E11000002"
NORTH_WEST = "E12000002"


def test_the_table_is_loaded_by_the_migrations():
    assert PostcodeDistrict.objects.values("district").distinct().count() == 2977
    assert PostcodeDistrict.objects.count() == 4969


def test_every_district_has_one_primary_authority_and_shares_adding_up_to_one():
    districts = PostcodeDistrict.objects.values("district").annotate(
        total=Sum("share"), primaries=Count("pk", filter=Q(is_primary=True)))
    for row in districts:
        assert abs(row["total"] - 1) <= Decimal("0.001"), row
        assert row["primaries"] == 1, row


def test_every_code_in_the_table_has_a_name():
    assert not PostcodeDistrict.objects.exclude(county_code="").filter(county_name="").exists()
    assert not PostcodeDistrict.objects.exclude(region_code="").filter(region_name="").exists()
    authorities = PostcodeDistrict.objects.exclude(local_authority_code="")
    assert not authorities.filter(local_authority_name="").exists()


def test_pr1_is_in_lancashire_and_the_north_west():
    rows = district_localities("PR1")
    assert [(row.local_authority_name, row.share) for row in rows] == [
        ("Preston", Decimal("0.7280")), ("South Ribble", Decimal("0.2720"))]
    assert {(row.county_name, row.region_name) for row in rows} == {("Lancashire", "North West")}
    assert local_share(district="PR1", county_code=LANCASHIRE) == Decimal("1.0000")
    assert local_share(district="PR1", region_code=NORTH_WEST) == Decimal("1.0000")


def test_a_full_postcode_in_any_spelling_finds_its_district():
    assert [row.district for row in district_localities("pr1  2ab")] == ["PR1", "PR1"]
    assert local_share(district="pr1 2ab", county_code=LANCASHIRE) == Decimal("1.0000")


@pytest.mark.parametrize("district", ["PR8", "PR9", "WN6", "L39", "L40", "BL7", "LA6"])
def test_a_split_district_has_shares_adding_up_to_one(district):
    rows = district_localities(district)
    assert len(rows) > 1
    assert abs(sum(row.share for row in rows) - 1) <= Decimal("0.001")
    assert sum(row.is_primary for row in rows) == 1
    assert rows[0].is_primary


def test_southport_is_merseyside_with_a_lancashire_fringe():
    assert local_share(district="PR8", county_code=LANCASHIRE) == Decimal("0.0455")
    assert local_share(district="PR8", county_code=MERSEYSIDE) == Decimal("0.9545")
    assert local_share(district="PR9", county_code=LANCASHIRE) == Decimal("0.1429")
    assert local_share(district="PR8", region_code=NORTH_WEST) == Decimal("1.0000")


def test_local_share_weights_each_authority_by_its_share():
    # BL7: Bolton (Greater Manchester) 0.5796, Blackburn with Darwen (a unitary: no county) 0.4204.
    assert local_share(district="BL7", county_code=LANCASHIRE) == Decimal("0.0000")
    assert local_share(district="BL7", region_code=NORTH_WEST) == Decimal("1.0000")
    # LA2: Lancaster 0.73 and Wyre 0.015 (Lancashire), North Yorkshire 0.256 (Yorkshire and The Humber).
    lancashire = local_share(district="LA2", county_code=LANCASHIRE)
    assert lancashire == local_share(district="LA2", county_code=LANCASHIRE, region_code=NORTH_WEST)
    rows = district_localities("LA2")
    in_county = sum(row.share for row in rows if row.county_code == LANCASHIRE)
    expected = in_county / sum(row.share for row in rows)
    assert lancashire == expected.quantize(Decimal("0.0001"))
    assert Decimal("0.70") < lancashire < Decimal("0.80")


def test_a_district_wholly_in_the_area_counts_whole_although_its_rounded_shares_do_not_add_up():
    rows = district_localities("BB7")
    assert sum(row.share for row in rows) == Decimal("0.9999")
    assert local_share(district="BB7", region_code=NORTH_WEST) == Decimal("1.0000")


@pytest.mark.parametrize("postcode", ["", "not a postcode", "PR", "12345", "FY0 1AA", "BB94 1AA"])
def test_a_bad_or_unknown_postcode_is_not_local(postcode):
    assert local_share(district=postcode, county_code=LANCASHIRE) == Decimal("0")
    assert local_share(district=postcode, region_code=NORTH_WEST) == Decimal("0")
    assert district_localities(postcode) == []


def test_no_area_given_means_nothing_is_local():
    assert local_share(district="PR1") == Decimal("0")
    assert not district_shares_in_area().exists()


def test_district_shares_in_area_agree_with_local_share():
    shares = {row["district"]: row for row in district_shares_in_area(county_code=LANCASHIRE)}
    assert {"PR1", "PR8", "WN8", "L39", "L40", "OL13", "LA2"} <= set(shares)
    assert "FY1" not in shares  # Blackpool is a unitary
    for district in ("PR8", "LA2", "L39"):
        row = shares[district]
        assert (row["local"] / row["total"]).quantize(Decimal("0.0001")) == local_share(
            district=district, county_code=LANCASHIRE)
    in_county = district_shares_in_area(county_code=LANCASHIRE).values("district")
    matched = set(PostcodeDistrict.objects.filter(district__in=in_county).values_list("district", flat=True))
    assert matched == set(shares)


@pytest.mark.parametrize(("postcode", "expected"), [
    ("PR1 2AB", "Preston, Lancashire, North West"),
    ("FY1 1AA", "Blackpool, North West"),
    ("PR8 1AA", "Sefton, Merseyside, North West"),
    ("CF10 1AA", "Cardiff, Wales"),
    ("BT1 1AA", "Northern Ireland"),
    ("FY0 1AA", ""),
    ("", ""),
])
def test_supplier_locality_names_the_main_authority_county_and_region(organisation, postcode, expected):
    supplier = SupplierFactory(organisation=organisation, postcode=postcode)
    assert supplier_locality(supplier) == expected


def test_supplier_page_shows_where_the_supplier_is(officer_client, organisation):
    preston = SupplierFactory(organisation=organisation, postcode="PR1 2AB")
    nowhere = SupplierFactory(organisation=organisation, postcode="")

    def page(supplier):
        url = reverse("suppliers:detail", args=[organisation.slug, supplier.pk])
        return officer_client.get(url).content.decode()

    assert "Preston, Lancashire, North West" in page(preston)
    assert "Not known: spend with this supplier counts as not local" in page(nowhere)


def test_vendored_file_is_the_shared_one_byte_for_byte():
    source = shared_data_dir() / "geography" / "postcode_districts.csv"
    if not source.exists():
        pytest.skip("the shared reference data is not here")
    assert hashlib.sha256(POSTCODE_DISTRICTS_FILE.read_bytes()).hexdigest() == hashlib.sha256(
        source.read_bytes()).hexdigest()


def test_a_blank_name_is_filled_from_the_names_given(tmp_path):
    path = tmp_path / "districts.csv"
    with POSTCODE_DISTRICTS_FILE.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    row = dict.fromkeys(header, "")
    row.update(district="PR1", lad_code="E07000123", lad_name="Preston", county_code=LANCASHIRE,
               region_code=NORTH_WEST, share="1.0", is_primary="1")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerow(row)
    [read] = postcode_district_rows(path, names={LANCASHIRE: "Lancashire", NORTH_WEST: "North West"})
    assert (read.county_name, read.region_name, read.share, read.is_primary) == (
        "Lancashire", "North West", Decimal("1.0000"), True)
