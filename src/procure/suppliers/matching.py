"""Payee names to suppliers: normalising names and matching them. Pure functions, no database.

A match is decided in this order, most certain first:
1. the Companies House number, when the payee has one the register knows;
2. the exact normalised name (or the same letters with the spaces taken out) of one supplier, in any of the
   names the payee line carries ('A Ltd t/a B', 'A#B'); two suppliers holding it make a tie for a person;
3. a close spelling: `strict_score` at least `auto_link`, words differing only by slips of the keyboard,
   at least two words in common, no differing number or compass point ('Voyage 1' is not 'Voyage 2'),
   and a clear lead over every other supplier;
4. otherwise, suggestions for a person, ranked by the better of the close spelling (discounted when the
   distinctive words differ) and the share of the names' distinctive words they have in common (rare
   words count for more than 'Care' or 'Services').
A payee whose company number differs from the matched supplier's goes to a person too. A wrong link is
worse than a question. bench/payee_matching.py measures how often each happens on a labelled file.
"""

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

_LEGAL_SUFFIXES = {
    "LTD", "LIMITED", "PLC", "LLP", "LP", "CIC", "CIO", "INC", "INCORPORATED", "CORP", "CORPORATION",
    "COMPANY", "CO", "GMBH", "BV", "SA", "SARL", "AG", "UNLIMITED", "LTDA",
}
# Where a ledger line carries more than one name: 'A Ltd t/a B', 'A Ltd trading as B', 'A#B'.
_NAME_SEPARATOR = re.compile(r"#|\b(?:T/AS?|TRADING\s+AS)(?=\W|$)", re.IGNORECASE)
# Parts of a ledger line that are not a name of the payee: former names, redactions, site numbers.
_NOT_A_NAME_START = {"WAS", "FORMERLY", "PREVIOUSLY", "REDACTED"}
_NON_WORD = re.compile(r"[^A-Z0-9 ]+")
_SPACES = re.compile(r"\s+")
_CONFLICTING_WORDS = {"NORTH", "SOUTH", "EAST", "WEST", "CENTRAL", "NORTHERN", "SOUTHERN", "EASTERN", "WESTERN"}


def _fold(text: str) -> str:
    """Upper case with accents removed ('Café' gives 'CAFE'), the same whatever the case of the input."""
    text = unicodedata.normalize("NFKD", str(text).upper().casefold())
    return "".join(char for char in text if not unicodedata.combining(char)).upper()


def _strip_tails(words: list[str]) -> list[str]:
    """Legal suffixes, a site number after them ('X LTD 01'), and 'The' at either end."""
    while len(words) > 1:
        if _ends_with_removable(words):
            words = words[:-1]
        elif words[0] == "THE":
            words = words[1:]
        else:
            break
    return words


def _ends_with_removable(words: list[str]) -> bool:
    last = words[-1]
    site_number = len(words) > 2 and last.isdigit() and len(last) <= 2 and words[-2] in _LEGAL_SUFFIXES
    return site_number or last in _LEGAL_SUFFIXES or last == "THE"


def _clean_once(text: str) -> str:
    text = _fold(text).replace("&", " AND ").replace("+", " AND ")
    text = text.split("*", 1)[0] if "*" in text and not text.startswith("*") else text
    text = text.replace("'", "").replace("’", "")
    text = _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()
    if not text:
        return ""
    return " ".join(_strip_tails(_join_single_letters(text.split(" "))))


def _join_single_letters(words: list[str]) -> list[str]:
    """Runs of single letters become one word: 'F R SHARROCK' gives 'FR SHARROCK', 'C I C' gives 'CIC'."""
    joined: list[str] = []
    run = False
    for word in words:
        single = len(word) == 1 and word.isalpha()
        if single and run:
            joined[-1] += word
        else:
            joined.append(word)
        run = single
    return joined


def _clean(text: str) -> str:
    """One name, normalised until nothing more changes (so normalising twice changes nothing)."""
    for _ in range(10):
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text


def _is_a_name(cleaned: str) -> bool:
    words = cleaned.split(" ")
    return bool(cleaned) and not cleaned.replace(" ", "").isdigit() and words[0] not in _NOT_A_NAME_START


def name_variants(name: str) -> list[str]:
    """The normalised names a payee may be known by: 'A Ltd t/a B' and 'A#B' give ['A', 'B'].

    Parts that are not names (a site number '#2', a former name '#Was X', '#REDACTED') are left out.
    """
    text = str(name or "")
    parts = [_clean(part) for part in _NAME_SEPARATOR.split(text)]
    variants = [part for part in parts if _is_a_name(part)]
    if not variants:
        whole = _clean(_NAME_SEPARATOR.sub(" ", text))
        variants = [whole] if whole else []
    return list(dict.fromkeys(_split_trading_as(variants)))


def _split_trading_as(variants: list[str]) -> list[str]:
    """'TRADING AS' can only be seen once punctuation is gone ('trading-as'): split again on the words."""
    result: list[str] = []
    for variant in variants:
        pieces = [piece.strip() for piece in f" {variant} ".split(" TRADING AS ")]
        result.extend(_clean(piece) for piece in pieces if _is_a_name(_clean(piece)))
    return result or variants


def normalise_name(name: str) -> str:
    """Case, accents, punctuation, 'Ltd/Limited/PLC/LLP', 'The', '&', initials and card-payment tails
    made uniform; for a line carrying several names, the first."""
    variants = name_variants(name)
    return variants[0] if variants else ""


def compact_name(normalised: str) -> str:
    """The letters and digits alone: 'HOME CARE FOR YOU' and 'HOMECARE FOR YOU' agree."""
    return normalised.replace(" ", "")


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


def strict_score(left: str, right: str) -> float:
    """Similarity of two normalised names' spelling, 0 to 100: word order and small typos forgiven."""
    return max(fuzz.token_sort_ratio(left, right), fuzz.ratio(left, right))


def names_conflict(left: str, right: str) -> bool:
    """Names that differ in a number or a compass point name different bodies, however alike they look."""
    left_words, right_words = set(left.split(" ")), set(right.split(" "))
    differing = left_words ^ right_words
    return any(word.isdigit() or word in _CONFLICTING_WORDS for word in differing)


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


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("S") and not word.endswith("SS") else word


@dataclass
class _Candidate:
    """One supplier name weighed against a payee name."""

    supplier_id: int
    spelling: float  # strict_score of the two names
    agreement: float  # share of the names' word weight that pairs up, 0 to 1
    shared: float  # shared distinctive wording, 0 to 100
    conflict: bool  # a differing number or compass point
    paired_words: int  # words of the payee name that pair with one of the supplier's

    @property
    def suggestion_score(self) -> float:
        """Close spelling counts in full only when the words agree: 'Aegis Residential Care Homes' is
        spelt much like 'Abbeydale Residential Care Home' but shares none of its distinctive words."""
        return max(self.shared, self.spelling * (0.5 + 0.5 * self.agreement))

    def may_link(self, auto_link: float) -> bool:
        """A close spelling links when it is close enough, differs only by slips, shares at least two words
        (one word, 'The Orchard' against 'The Orchards', is too little to go on) and conflicts nowhere."""
        return (self.spelling >= auto_link and self.agreement >= MIN_WORD_AGREEMENT
                and self.paired_words >= MIN_PAIRED_WORDS and not self.conflict)


class SupplierNameIndex:
    """Every name (legal names and aliases) of one organisation's suppliers, ready for matching."""

    def __init__(self, entries: list[tuple[str, int, str]], company_numbers: dict[str, int] | None = None,
                 decisions: dict[str, int] | None = None):
        """`entries`: (normalised name, supplier id, display name); `company_numbers`: number to supplier id;
        `decisions`: normalised names a person has linked to a supplier, which settle a tie between suppliers."""
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.compact: dict[str, set[int]] = defaultdict(set)
        self.choices: list[str] = []
        self.owners: list[tuple[int, str]] = []
        self.displays: dict[int, str] = {}
        self.company_numbers: dict[str, int] = dict(company_numbers or {})
        self._numbers_by_supplier: tuple[int, dict[int, str]] = (-1, {})
        self.decisions: dict[str, int] = dict(decisions or {})
        self._postings: dict[str, list[int]] = defaultdict(list)
        for normalised, supplier_id, display in entries:
            self.add(normalised, supplier_id, display)

    def add(self, normalised: str, supplier_id: int, display: str) -> None:
        """Index one more name of a supplier (a no-op for a name it already has)."""
        if not normalised or supplier_id in self.exact.get(normalised, ()):
            return
        self.exact[normalised].add(supplier_id)
        self.compact[compact_name(normalised)].add(supplier_id)
        for token in _tokens(normalised):
            self._postings[token].append(len(self.choices))
        self.choices.append(normalised)
        self.owners.append((supplier_id, display))
        self.displays.setdefault(supplier_id, display)

    def match(self, name: str, *, company_number: str = "", auto_link: float = 92, suggest: float = 75) -> MatchResult:
        number = normalise_company_number(company_number)
        if number and number in self.company_numbers:
            return MatchResult(self.company_numbers[number], "company_number", 100.0)
        variants = name_variants(name)
        if not variants:
            return MatchResult(None, "none")
        result = self._match_exact(variants) or self._match_close(variants, auto_link, suggest)
        return self._refuse_other_company(result, number)

    def _match_exact(self, variants: list[str]) -> MatchResult | None:
        """One supplier holding one of the payee's names exactly links; several make a tie for a person,
        unless a person has already said which of them the name is."""
        decided = {self.decisions[variant] for variant in variants if variant in self.decisions}
        if len(decided) == 1:
            return MatchResult(decided.pop(), "exact", 100.0)
        found: set[int] = set()
        for variant in variants:
            found |= self.exact.get(variant, set()) | self.compact.get(compact_name(variant), set())
        if not found:
            return None
        if len(found) == 1:
            return MatchResult(next(iter(found)), "exact", 100.0)
        tied = sorted((Suggestion(sid, self.displays[sid], 100.0) for sid in found), key=lambda s: s.name)
        return MatchResult(None, "review", 100.0, tied)

    def _match_close(self, variants: list[str], auto_link: float, suggest: float) -> MatchResult:
        candidates = self._candidates(variants, min(suggest, auto_link))
        ranked = sorted((Suggestion(sid, self.displays[sid], round(candidate.suggestion_score, 1))
                         for sid, candidate in candidates.items() if candidate.suggestion_score >= suggest),
                        key=lambda s: (-s.score, s.name))[:SUGGESTIONS]
        linkable = [candidate for candidate in candidates.values() if candidate.may_link(auto_link)]
        if linkable:
            best = max(linkable, key=lambda candidate: candidate.spelling)
            rivals = [s.score for s in ranked if s.supplier_id != best.supplier_id]
            if not rivals or best.spelling - max(rivals) >= AUTO_LINK_LEAD:
                return MatchResult(best.supplier_id, "fuzzy", round(best.spelling, 1), ranked)
        if not ranked:
            return MatchResult(None, "none")
        return MatchResult(None, "review", ranked[0].score, ranked)

    def _candidates(self, variants: list[str], cutoff: float) -> dict[int, _Candidate]:
        """Per supplier, its name that best fits one of the payee's names."""
        best: dict[int, _Candidate] = {}
        for variant in variants:
            for index in self._near_choices(variant, cutoff):
                candidate = self._weigh(variant, index)
                current = best.get(candidate.supplier_id)
                if current is None or _better(candidate, current):
                    best[candidate.supplier_id] = candidate
        return best

    def _near_choices(self, variant: str, cutoff: float) -> set[int]:
        """Names spelt alike (found fast by rapidfuzz) and names sharing one of the variant's rarer words."""
        near = {index for scorer in (fuzz.token_sort_ratio, fuzz.ratio)
                for _choice, _score, index in process.extract(
                    variant, self.choices, scorer=scorer, score_cutoff=cutoff * 0.8, limit=10)}
        known = sorted((token for token in _tokens(variant) if token in self._postings),
                       key=lambda token: len(self._postings[token]))
        return near | {index for token in known[:RAREST_WORDS] for index in self._postings[token]}

    def _weigh(self, variant: str, index: int) -> _Candidate:
        choice = self.choices[index]
        payee_words, supplier_words = _tokens(variant), _tokens(choice)
        pairs = _paired_words(payee_words, supplier_words)
        payee_weight, supplier_weight = self._weight_of(payee_words), self._weight_of(supplier_words)
        on_payee, on_supplier = self._weight_of(set(pairs)), self._weight_of(set(pairs.values()))
        agreement = (on_payee + on_supplier) / (payee_weight + supplier_weight)
        shared = 100 * (0.7 * on_supplier / supplier_weight + 0.3 * on_payee / payee_weight)
        return _Candidate(self.owners[index][0], strict_score(variant, choice), agreement, shared,
                          names_conflict(variant, choice), len(pairs))

    def _weight_of(self, words: set[str]) -> float:
        """Rare words weigh more: an inverse document frequency over the register's names."""
        total = len(self.choices)
        return sum(math.log(1 + total / max(1, len(self._postings.get(word, ())))) for word in words)

    def _company_number_of(self, supplier_id: int) -> str:
        size, numbers = self._numbers_by_supplier
        if size != len(self.company_numbers):
            numbers = {sid: number for number, sid in self.company_numbers.items()}
            self._numbers_by_supplier = (len(self.company_numbers), numbers)
        return numbers.get(supplier_id, "")

    def _refuse_other_company(self, result: MatchResult, number: str) -> MatchResult:
        """A payee whose company number differs from the matched supplier's is another company: ask."""
        if not number or result.supplier_id is None or result.method == "company_number":
            return result
        if self._company_number_of(result.supplier_id) in ("", number):
            return result
        suggestion = Suggestion(result.supplier_id, self.displays[result.supplier_id], result.score)
        others = [s for s in result.suggestions if s.supplier_id != result.supplier_id]
        return MatchResult(None, "review", result.score, [suggestion, *others][:SUGGESTIONS])


AUTO_LINK_LEAD = 3.0  # points a close spelling must lead every other supplier by to link without a person
MIN_WORD_AGREEMENT = 0.8  # share of two close spellings' word weight that must pair up to link
MIN_PAIRED_WORDS = 2  # words two close spellings must have in common to link
RAREST_WORDS = 3  # a payee name's rarest words look up suppliers sharing them
SUGGESTIONS = 5


def _better(candidate: _Candidate, current: _Candidate) -> bool:
    return (candidate.spelling, candidate.suggestion_score) > (current.spelling, current.suggestion_score)


def _tokens(normalised: str) -> set[str]:
    return {_stem(word) for word in normalised.split(" ") if word}


def _paired_words(left: set[str], right: set[str]) -> dict[str, str]:
    """Words of `left` with their partner in `right`: the same word, or one keystroke away in a long word."""
    pairs = {word: word for word in left & right}
    spare = right - left
    for word in left - right:
        twin = next((other for other in sorted(spare) if _near_twins(word, other)), None)
        if twin is not None:
            pairs[word] = twin
            spare.discard(twin)
    return pairs


def _near_twins(word: str, other: str) -> bool:
    return len(word) >= 5 and len(other) >= 5 and Levenshtein.distance(word, other) <= 1
