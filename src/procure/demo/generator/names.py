"""Invented but ordinary-looking UK business names, and the ways a ledger misspells them."""

import random
import re

from procure.demo.generator import vocabulary as words
from procure.demo.generator.geography import District

# How likely each of company_name's patterns is, by size: large firms rarely carry a family name.
_PATTERN_WEIGHTS = {"large": [2, 1, 3, 6, 0, 2, 0, 0], "medium": [5, 2, 4, 4, 1, 1, 1, 1],
                    "small": [5, 2, 4, 2, 1, 1, 1, 1]}


def _suffix(rng: random.Random, size: str, base: str) -> str:
    if size == "large" and "(UK)" not in base:
        return rng.choice((" Ltd", " Limited", " UK Limited", " plc", " Group plc", " (UK) Ltd"))
    if size == "large":
        return rng.choice((" Ltd", " Limited", " plc"))
    return rng.choices((" Ltd", " Limited", " LLP"), (58, 36, 6))[0]


def _initials(rng: random.Random) -> str:
    letters = "ABCDGHJKMPRSTW"
    return " ".join(rng.choice(letters) for _ in range(rng.choice((1, 2, 2))))


def place_word(rng: random.Random, district: District) -> str:
    """A word a firm in this district might put in its name: its town, or its county or region."""
    town_words = words.LANCASHIRE_TOWN_WORDS.get(district.post_town, ())
    if district.area == "lancashire" and rng.random() < 0.6:
        return rng.choice((*town_words, *words.LANCASHIRE_WORDS, district.post_town))
    if rng.random() < 0.45:
        return district.post_town
    return rng.choice(words.REGION_WORDS.get(district.region_code, ("National",)))


def company_name(rng: random.Random, *, trade: str, place: str, size: str) -> str:
    """A limited company's legal name, e.g. 'Ashworth Building Services Ltd'."""
    surname = rng.choice(words.SURNAMES)
    brand = rng.choice(words.BRANDS)
    patterns = [
        f"{surname} {trade}",
        f"{surname} & {rng.choice(words.SURNAMES)}",
        f"{place} {trade}",
        f"{brand} {trade}",
        f"{_initials(rng)} {surname} {trade}",
        f"{brand} {trade} (UK)",
        f"{surname} Brothers {trade}",
        f"{surname} & Sons",
    ]
    base = rng.choices(patterns, _PATTERN_WEIGHTS.get(size, _PATTERN_WEIGHTS["small"]))[0]
    return base + _suffix(rng, size, base)


def sole_trader_name(rng: random.Random, *, trade: str) -> tuple[str, str]:
    """A sole trader's legal name and trading name: ('Gary Hindle', 'Hindle Plumbing')."""
    surname = rng.choice(words.SURNAMES)
    return f"{rng.choice(words.FIRST_NAMES)} {surname}", f"{surname} {trade}"


def vcse_name(rng: random.Random, *, cause: str, place: str) -> str:
    """A voluntary or community organisation, e.g. 'Fylde Women's Aid CIC'."""
    return f"{place} {cause}{rng.choice(words.VCSE_FORMS)}"


def neighbourhood(rng: random.Random, place: str) -> str:
    """A part of a place, for when the place alone is taken: 'North Preston', 'Preston and District'."""
    return rng.choice((f"North {place}", f"South {place}", f"East {place}", f"West {place}", f"Central {place}",
                       f"{place} and District", f"Greater {place}"))


def trading_name(rng: random.Random, *, trade: str, place: str) -> str:
    return f"{place} {trade}"


_LIMITED = re.compile(r"\bLimited\b")
_LTD = re.compile(r"\bLtd\b")


def ledger_spelling(rng: random.Random, name: str, *, trading: str = "") -> str:
    """How the finance ledger's vendor record writes a supplier's name: usually as it is, sometimes not."""
    roll = rng.random()
    if roll < 0.62:
        return name
    if roll < 0.78:
        return name.upper()
    if roll < 0.88 and (_LIMITED.search(name) or _LTD.search(name)):
        return _LIMITED.sub("Ltd", name) if _LIMITED.search(name) else _LTD.sub("Limited", name)
    if roll < 0.94 and trading:
        return f"{name} t/a {trading}"
    return name.replace(" & ", " and ").replace(" Ltd", " Ltd.")
