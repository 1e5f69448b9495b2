"""Reading single cells as finance exports write them."""

import re

from procure.core.tabular import cell_text, is_blank

_BLANK_TOKENS = {"", "na", "n/a", "#n/a", "null", "none", "-", "--"}
_UNCLASSIFIED = {"not classified", "unclassified", "not known", "unknown"}
_TOTAL = re.compile(
    r"^\s*(grand\s+|sub[\s-]?)?totals?(\s*[:.]|\s+(for|of|spend|amount|paid|payments|value|expenditure)\b.*)?\s*$",
    re.IGNORECASE)
_GRAND_TOTAL = re.compile(r"^\s*grand\s+total", re.IGNORECASE)
_REDACTED = re.compile(r"\bredacted\b|^\W*(personal data|withheld)\b", re.IGNORECASE)


def optional_text(value: object, *, max_length: int, unclassified_is_blank: bool = False) -> str:
    """Text for an optional field: placeholders such as 'NA' or '#N/A' count as empty."""
    text = cell_text(value)
    lowered = text.lower()
    if lowered in _BLANK_TOKENS or (unclassified_is_blank and lowered in _UNCLASSIFIED):
        return ""
    return text[:max_length]


def is_total_text(value: object) -> bool:
    return isinstance(value, str) and bool(_TOTAL.match(value))


def is_grand_total_text(value: object) -> bool:
    return isinstance(value, str) and bool(_GRAND_TOTAL.match(value))


def is_redacted_payee(name: str) -> bool:
    """'Redacted', 'REDACTED - Personal Data', '*** COMPANY NAME REDACTED ***': a payee withheld by law."""
    return bool(_REDACTED.search(name))


def is_all_text(cells: tuple) -> bool:
    """A row of headings: some cells filled, and every filled cell a piece of text."""
    filled = [cell for cell in cells if not is_blank(cell)]
    return bool(filled) and all(isinstance(cell, str) for cell in filled)
