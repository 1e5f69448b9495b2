"""Real postcode districts (vendored in demo/data) and invented postcodes within them."""

import csv
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DISTRICTS_FILE = Path(__file__).resolve().parent.parent / "data" / "postcode_districts.csv"

LANCASHIRE = "lancashire"
NORTH_WEST = "north_west"
ELSEWHERE = "elsewhere"
AREAS = (LANCASHIRE, NORTH_WEST, ELSEWHERE)

# Royal Mail never uses these letters in the last two characters of a postcode.
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class District:
    district: str
    post_town: str
    area: str
    lad_name: str
    county_code: str
    region_code: str

    @property
    def is_north_west(self) -> bool:
        return self.area in (LANCASHIRE, NORTH_WEST)


@cache
def districts() -> tuple[District, ...]:
    with DISTRICTS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            District(row["district"], row["post_town"], row["area"], row["lad_name"], row["county_code"],
                     row["region_code"])
            for row in csv.DictReader(handle)
        )


@cache
def districts_in(area: str) -> tuple[District, ...]:
    return tuple(district for district in districts() if district.area == area)


def district_named(code: str) -> District:
    return next(district for district in districts() if district.district == code)


def invent_postcode(rng: random.Random, district: District) -> str:
    """A valid-format postcode in a real district: 'PR2' gives e.g. 'PR2 9HT'."""
    return f"{district.district} {rng.randint(1, 9)}{rng.choice(_UNIT_LETTERS)}{rng.choice(_UNIT_LETTERS)}"
