"""Named rules about suppliers: pure functions."""

import re

from procure.suppliers.choices import SME_SIZES

_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$")
_DISTRICT_ONLY = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")


def normalise_postcode(value: str) -> str:
    """'pr45sb' becomes 'PR4 5SB'; anything that is not a UK postcode is kept as typed, trimmed."""
    text = re.sub(r"\s+", "", (value or "").upper())
    match = _POSTCODE.match(text)
    return f"{match[1]} {match[2]}" if match else (value or "").strip().upper()


def is_valid_postcode(value: str) -> bool:
    return bool(_POSTCODE.match(re.sub(r"\s+", "", (value or "").upper())))


def postcode_district(postcode: str) -> str:
    """The outward code of a full postcode ('PR4 5SB' gives 'PR4'); empty when it is not a postcode."""
    text = re.sub(r"\s+", "", (postcode or "").upper())
    if match := _POSTCODE.match(text):
        return match[1]
    return text if _DISTRICT_ONLY.match(text) else ""


def is_sme(size: str) -> bool:
    """SUP-2: micro, small and medium enterprises count as SMEs."""
    return size in SME_SIZES
