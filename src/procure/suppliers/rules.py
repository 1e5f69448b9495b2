"""Named rules about suppliers: pure functions."""

import re
from datetime import date

from procure.core.errors import BusinessRuleViolation
from procure.suppliers.choices import SME_SIZES, SupplierSize

# Which field a rule is about, so that forms and the API show its message beside that field.
RULE_FIELDS = {"SUP-1": "companies_house_number", "SUP-3": "postcode", "SUP-4": "name",
               "SUP-5": "companies_house_number", "SUP-6": "name", "SUP-7": "name", "SUP-8": "size"}

_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$")
_DISTRICT_ONLY = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_COMPANY_NUMBER = re.compile(r"^(\d{8}|[A-Z]{2}\d{6}|R\d{7})$")
_YES = {"Y", "YES", "TRUE", "1", "X"}
_NO = {"N", "NO", "FALSE", "0"}
_SIZE_WORDS = {
    "MICRO": SupplierSize.MICRO, "SMALL": SupplierSize.SMALL, "MEDIUM": SupplierSize.MEDIUM,
    "LARGE": SupplierSize.LARGE, "SME": SupplierSize.SME, "NONSME": SupplierSize.LARGE,
    "NOTSME": SupplierSize.LARGE, "UNKNOWN": SupplierSize.UNKNOWN, "NOTKNOWN": SupplierSize.UNKNOWN,
}
_SIZE_NOISE = re.compile(r"ENTERPRISES?|BUSINESS|COMPANY|ORGANI[SZ]ATION|SIZED?|[^A-Z]")


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
    """SUP-2: micro, small and medium enterprises count as SMEs (and 'SME' when the band is not known)."""
    return size in SME_SIZES


def check_legal_name(name: str) -> None:
    """SUP-4: Every supplier has a legal name."""
    if not (name or "").strip():
        raise BusinessRuleViolation(code="SUP-4", message="Enter the supplier's legal name")


def check_postcode(postcode: str) -> None:
    """SUP-3: A supplier's postcode, when given, is a full UK postcode (it decides whether spend is local)."""
    if postcode and not is_valid_postcode(postcode):
        raise BusinessRuleViolation(code="SUP-3", message=f"'{postcode}' is not a UK postcode: write it like PR4 5SB")


def is_valid_company_number(number: str) -> bool:
    """A normalised Companies House number: 8 digits, or two letters and 6 digits (SC, NI, OC...)."""
    return bool(_COMPANY_NUMBER.match(number or ""))


def check_company_number(number: str) -> None:
    """SUP-5: A Companies House number, when given, has the register's form (01234567, SC123456)."""
    if number and not is_valid_company_number(number):
        raise BusinessRuleViolation(
            code="SUP-5",
            message=f"'{number}' is not a Companies House number: it has 8 characters, like 01234567 or SC123456")


def size_from_text(text: str) -> str | None:
    """SUP-8: A size as supplier files write it. Blank gives None (not stated).

    'micro', 'small', 'medium', 'large' (with or without 'enterprise' or 'business') give that band.
    An SME flag: 'Y', 'Yes', 'True', 'SME' give 'sme' (an SME whose band is not stated; it counts as an SME);
    'N', 'No', 'False', 'Non-SME' give 'large' (an enterprise that is not an SME is large). 'Unknown' gives
    'unknown'. Anything else raises ValueError with a sentence.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    upper = raw.upper()
    if upper in _YES:
        return SupplierSize.SME
    if upper in _NO:
        return SupplierSize.LARGE
    word = _SIZE_NOISE.sub("", upper)
    if word in _SIZE_WORDS:
        return _SIZE_WORDS[word]
    raise ValueError(f"'{raw}' is not a size: use micro, small, medium or large, or Y or N for an SME")


def yes_no_from_text(text: str, *, what: str) -> bool | None:
    """A yes/no cell: Y, Yes, True, 1 or X; N, No, False or 0. Blank gives None (not stated)."""
    raw = (text or "").strip()
    if not raw:
        return None
    if raw.upper() in _YES:
        return True
    if raw.upper() in _NO:
        return False
    raise ValueError(f"'{raw}' is not yes or no ({what}): use Y or N")


def sizes_agree(band: str | None, sme_flag: str | None) -> bool:
    """SUP-9: A file's size band and its SME flag must not contradict each other ('large' and 'SME: Y')."""
    if band is None or sme_flag is None or band == SupplierSize.UNKNOWN:
        return True
    return is_sme(band) == is_sme(sme_flag)


def classification_date_for_change(*, has_classification: bool, stated_from: date | None, today: date) -> date:
    """SUP-10: A first classification holds from the start (2000-01-01) unless a date is given, so older spend
    counts by it too; a change to an existing one holds from the date given, or from today."""
    if stated_from is not None:
        return stated_from
    return today if has_classification else CLASSIFIED_FROM_THE_START


CLASSIFIED_FROM_THE_START = date(2000, 1, 1)
