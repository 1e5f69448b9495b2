"""Payee names to suppliers: normalising names and matching them. Pure functions, no database."""

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

_LEGAL_SUFFIXES = {
    "LTD", "LIMITED", "PLC", "LLP", "LP", "CIC", "CIO", "INC", "INCORPORATED", "CORP", "CORPORATION",
    "COMPANY", "CO", "GMBH", "BV", "SA", "SARL", "AG", "UNLIMITED", "LTDA",
}
_TRADING_AS = re.compile(r"\b(?:T/AS?|TRADING AS)(?=\s|$)", re.IGNORECASE)
_NON_WORD = re.compile(r"[^A-Z0-9 ]+")
_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    text = text.upper().replace("&", " AND ").replace("+", " AND ")
    text = text.split("*", 1)[0] if "*" in text and not text.startswith("*") else text
    text = text.replace("(", " ").replace(")", " ").replace("'", "").replace("’", "")
    text = _NON_WORD.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    words = text.split(" ")
    if len(words) > 2 and words[-1].isdigit() and len(words[-1]) <= 2 and words[-2] in _LEGAL_SUFFIXES:
        words.pop()  # a ledger's site number after the legal name: 'X LTD 01'

    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    if len(words) > 1 and words[0] == "THE":
        words.pop(0)
    return " ".join(words)


def name_variants(name: str) -> list[str]:
    """The normalised names a payee may be known by: 'A Ltd t/a B' gives ['A', 'B']."""
    parts = [part for part in _TRADING_AS.split(name) if part.strip()]
    variants = [_clean(part) for part in parts] or [_clean(name)]
    return [variant for variant in dict.fromkeys(variants) if variant]


def normalise_name(name: str) -> str:
    """Case, punctuation, 'Ltd/Limited/PLC/LLP', 'The', '&' and card-payment tails removed."""
    variants = name_variants(name)
    return variants[0] if variants else ""


def normalise_company_number(value: str) -> str:
    """Companies House numbers are eight characters; files often drop leading zeros."""
    text = re.sub(r"\s+", "", str(value or "")).upper()
    if not text or text in {"0", "NA", "N/A", "NONE"}:
        return ""
    if text.isdigit():
        return text.zfill(8)
    if re.fullmatch(r"[A-Z]{2}\d{1,6}", text):
        return text[:2] + text[2:].zfill(6)
    return text[:8]


@dataclass(frozen=True)
class Suggestion:
    supplier_id: int
    name: str
    score: float


@dataclass
class MatchResult:
    """What a payee name matched: a supplier with confidence, suggestions only, or nothing."""

    supplier_id: int | None
    method: str  # "company_number", "exact", "fuzzy", "review" or "none"
    score: float = 0.0
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def is_confident(self) -> bool:
        return self.supplier_id is not None


class SupplierNameIndex:
    """Every name (legal names and aliases) of one organisation's suppliers, ready for matching."""

    def __init__(self, entries: list[tuple[str, int, str]], company_numbers: dict[str, int] | None = None):
        """`entries`: (normalised name, supplier id, display name)."""
        self.exact: dict[str, int] = {}
        self.choices: list[str] = []
        self.owners: list[tuple[int, str]] = []
        for normalised, supplier_id, display in entries:
            if not normalised:
                continue
            self.exact.setdefault(normalised, supplier_id)
            self.choices.append(normalised)
            self.owners.append((supplier_id, display))
        self.company_numbers = dict(company_numbers or {})

    def add(self, normalised: str, supplier_id: int, display: str) -> None:
        if normalised and normalised not in self.exact:
            self.exact[normalised] = supplier_id
            self.choices.append(normalised)
            self.owners.append((supplier_id, display))

    def match(self, name: str, *, company_number: str = "", auto_link: float = 92, suggest: float = 75) -> MatchResult:
        number = normalise_company_number(company_number)
        if number and number in self.company_numbers:
            return MatchResult(self.company_numbers[number], "company_number", 100.0)
        variants = name_variants(name)
        for variant in variants:
            if variant in self.exact:
                return MatchResult(self.exact[variant], "exact", 100.0)
        suggestions = self._suggest(variants, suggest)
        if not suggestions:
            return MatchResult(None, "none")
        best = suggestions[0]
        runner_up = next((s for s in suggestions[1:] if s.supplier_id != best.supplier_id), None)
        clear_lead = runner_up is None or best.score - runner_up.score >= 3
        if best.score >= auto_link and clear_lead:
            return MatchResult(best.supplier_id, "fuzzy", best.score, suggestions)
        return MatchResult(None, "review", best.score, suggestions)

    def _suggest(self, variants: list[str], cutoff: float, limit: int = 5) -> list[Suggestion]:
        best: dict[int, Suggestion] = {}
        for variant in variants:
            for _choice, score, index in process.extract(
                variant, self.choices, scorer=_score, score_cutoff=cutoff, limit=limit * 3
            ):
                supplier_id, display = self.owners[index]
                if supplier_id not in best or best[supplier_id].score < score:
                    best[supplier_id] = Suggestion(supplier_id, display, round(float(score), 1))
        return sorted(best.values(), key=lambda s: (-s.score, s.name))[:limit]


def _score(left: str, right: str, **kwargs) -> float:
    """Similarity of two normalised names, 0 to 100: word order and small typos forgiven."""
    return max(fuzz.token_sort_ratio(left, right, **kwargs), fuzz.ratio(left, right, **kwargs))
