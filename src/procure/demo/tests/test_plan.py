"""The generator's pure parts: no database."""

import csv
import random
from collections import defaultdict

import pytest

from procure.core.testing import shared_data_dir
from procure.demo.generator.geography import districts, invent_postcode
from procure.demo.generator.names import ledger_spelling
from procure.demo.generator.plan import plan_demo
from procure.demo.generator.spend import split_pennies
from procure.suppliers.matching import normalise_name
from procure.suppliers.rules import is_valid_postcode, postcode_district


@pytest.mark.parametrize("weights", [[1.0, 1.0, 1.0], [0.1, 5.0, 2.3, 0.001], [7.0]])
def test_split_pennies_keeps_every_penny(weights):
    parts = split_pennies(100_001, weights)
    assert sum(parts) == 100_001 and len(parts) == len(weights)
    assert all(part >= 0 for part in parts)


def test_the_same_seed_plans_the_same_demo_and_another_seed_does_not():
    def fingerprint(seed):
        plan = plan_demo(scale=0.02, seed=seed)
        return ([s.name for s in plan.suppliers], [(c.reference, c.annual_value_net) for c in plan.contracts],
                [(line.payment_date, line.pennies) for lines in plan.lines.values() for line in lines])

    assert fingerprint(1) == fingerprint(1)
    assert fingerprint(1) != fingerprint(2)


def test_invented_postcodes_are_valid_and_keep_their_district():
    rng = random.Random(0)
    for district in districts():
        postcode = invent_postcode(rng, district)
        assert is_valid_postcode(postcode) and postcode_district(postcode) == district.district


def test_a_ledger_spelling_normalises_to_the_supplier_name():
    rng = random.Random(0)
    for name in ["Ashworth & Riley Ltd", "Ribble Plumbing Limited", "Meridian Energy plc",
                 "Pendle Women's Aid"]:
        for _ in range(40):
            spelt = ledger_spelling(rng, name, trading="Calder Heating")
            assert normalise_name(spelt) == normalise_name(name), spelt


def test_vendored_districts_agree_withshared_data_dir():
    """The vendored list keeps the README's rules: whole districts on one side of each local boundary."""
    source = shared_data_dir() / "geography" / "postcode_districts.csv"
    if not source.exists():
        pytest.skip("the shared reference data is not here")
    rows = defaultdict(list)
    with source.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows[row["district"]].append(row)
    for district in districts():
        parts = rows[district.district]
        lancashire = sum(float(r["share"]) for r in parts if r["county_code"] == "E10000017")
        north_west = sum(float(r["share"]) for r in parts if r["region_code"] == "E12000002")
        expected = {"lancashire": lancashire >= 0.99, "north_west": north_west >= 0.99 and lancashire == 0,
                    "elsewhere": north_west == 0}
        assert expected[district.area], district
        primary = next(r for r in rows[district.district] if r["is_primary"] == "1")
        assert (primary["lad_name"], primary["region_code"]) == (district.lad_name, district.region_code)
