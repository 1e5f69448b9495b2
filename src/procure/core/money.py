"""Money: exact pounds and pence as Decimal, never float."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")

_CURRENCY_NOISE = re.compile(r"[£,\s\u00a0]|GBP", re.IGNORECASE)


def to_pennies(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def parse_money(value: object) -> Decimal:
    """Read an amount as finance exports write it.

    Accepts numbers, '£1,234.56', '1 234.56', '(123.45)' and '123.45-' and 'CR 12.00' for credits,
    '-£12.00' and '£-12.00'. Raises ValueError with a sentence naming the problem.
    """
    if value is None:
        raise ValueError("the amount is empty")
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not an amount")
    if isinstance(value, Decimal):
        return to_pennies(value)
    if isinstance(value, int):
        return Decimal(value).quantize(PENNY)
    if isinstance(value, float):
        return to_pennies(Decimal(repr(value)))
    text = str(value).strip()
    if not text:
        raise ValueError("the amount is empty")
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    upper = text.upper()
    if upper.endswith("CR") or upper.startswith("CR"):
        negative = True
        text = text[2:] if upper.startswith("CR") else text[:-2]
    elif upper.endswith("DR"):
        text = text[:-2]
    text = _CURRENCY_NOISE.sub("", text)
    if text.endswith("-"):
        negative, text = not negative, text[:-1]
    if text.startswith("-"):
        negative, text = not negative, text[1:]
    text = _CURRENCY_NOISE.sub("", text)
    if text.startswith("+"):
        text = text[1:]
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"'{value}' is not an amount") from None
    if not amount.is_finite():
        raise ValueError(f"'{value}' is not an amount")
    amount = to_pennies(amount)
    return -amount if negative else amount


def format_money(amount: Decimal | None, *, pence: bool = True) -> str:
    """'£1,234.56'; credits as '-£12.00'."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    magnitude = abs(amount)
    text = f"{magnitude:,.2f}" if pence else f"{magnitude.quantize(Decimal('1'), ROUND_HALF_UP):,}"
    return f"{sign}£{text}"


def money_str(amount: Decimal) -> str:
    """Pounds and pence as a plain string for JSON and CSV: '-1234.50'."""
    return f"{to_pennies(amount):.2f}"
