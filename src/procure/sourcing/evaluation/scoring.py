"""Scoring a tender's bids (DESIGN.md section 6): pure arithmetic on plain values, no database.

Weights are percentages of the total score. Price: by default the lowest compliant price ÷ the bid's price ×
the price weight. Quality: each criterion's agreed mark ÷ its maximum × its weight. A mark below a criterion's
minimum excludes the bid. A price more than a set percentage below the mean of the other bids is flagged as
abnormally low (flagged, not excluded: the buyer must ask the bidder to explain it). Bids rank by total score;
a tie is broken by the rule stated at publication, then by receipt number, so the order in which bids
arrived never changes the ranking.

Every score is kept exact and rounded once, to 2 decimal places (half up), where it is shown and ranked.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from procure.sourcing.choices import PriceFormula, TieBreak

HUNDRED = Decimal("100")
ZERO = Decimal("0")
CENT = Decimal("0.01")


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CriterionWeight:
    key: str
    weight: Decimal  # percentage of the total score
    max_mark: int
    minimum_mark: int | None = None
    is_social_value: bool = False


@dataclass(frozen=True)
class BidInput:
    key: str  # the receipt number: stable, unique and known before scoring
    price: Decimal
    marks: dict[str, int]  # criterion key -> agreed (moderated) mark


@dataclass(frozen=True)
class Model:
    price_weight: Decimal
    criteria: tuple[CriterionWeight, ...]
    price_formula: str = PriceFormula.LOWEST_OVER_BID
    tie_break: str = TieBreak.HIGHEST_QUALITY
    abnormally_low_pct: Decimal = Decimal("30")


@dataclass(frozen=True)
class CriterionScore:
    key: str
    mark: int
    max_mark: int
    weight: Decimal
    score: Decimal  # exact: mark ÷ max × weight
    below_minimum: bool


@dataclass
class BidScore:
    key: str
    price: Decimal
    lowest_price: Decimal | None
    price_score: Decimal
    criteria: list[CriterionScore]
    quality_score: Decimal
    social_value_score: Decimal
    total: Decimal
    excluded: bool
    exclusion_reasons: list[str] = field(default_factory=list)
    abnormally_low: bool = False
    mean_of_others: Decimal | None = None
    rank: int | None = None  # None: excluded
    tie_broken_by: str = ""

    @property
    def shown_total(self) -> Decimal:
        return rounded(self.total)


def price_score(*, price: Decimal, lowest: Decimal, weight: Decimal, formula: str) -> Decimal:
    """A bid's price score: never above the weight, never below 0, and never lower for a lower price."""
    if price <= 0 or lowest <= 0:
        return weight if price == lowest else ZERO
    if formula == PriceFormula.DIFFERENCE_FROM_LOWEST:
        # full marks less 1% of the weight for each 1% above the lowest
        above = (price - lowest) / lowest * HUNDRED
        return max(ZERO, weight - weight * above / HUNDRED)
    return min(weight, lowest / price * weight)


def quality_scores(*, marks: dict[str, int], criteria: tuple[CriterionWeight, ...]) -> list[CriterionScore]:
    scores = []
    for criterion in criteria:
        mark = max(0, min(marks.get(criterion.key, 0), criterion.max_mark))
        score = Decimal(mark) / Decimal(criterion.max_mark) * criterion.weight if criterion.max_mark else ZERO
        below = criterion.minimum_mark is not None and mark < criterion.minimum_mark
        scores.append(CriterionScore(criterion.key, mark, criterion.max_mark, criterion.weight, score, below))
    return scores


def is_abnormally_low(price: Decimal, others: list[Decimal], pct: Decimal) -> tuple[bool, Decimal | None]:
    """More than `pct`% below the mean of the other bids' prices (no others: nothing to compare with)."""
    if not others:
        return False, None
    mean = sum(others, ZERO) / len(others)
    return price < mean * (HUNDRED - pct) / HUNDRED, mean


def score_bids(model: Model, bids: list[BidInput]) -> list[BidScore]:
    """Score and rank every bid; the result is in rank order, excluded bids last (by receipt number)."""
    results: list[BidScore] = []
    for bid in bids:
        criteria = quality_scores(marks=bid.marks, criteria=model.criteria)
        reasons = [f"{c.key}: mark {c.mark} is below the minimum of {_minimum(model, c.key)}"
                   for c in criteria if c.below_minimum]
        if bid.price <= 0:
            reasons.append("No price was given")
        others = [other.price for other in bids if other.key != bid.key]
        low, mean = is_abnormally_low(bid.price, others, model.abnormally_low_pct)
        quality = sum((c.score for c in criteria), ZERO)
        social_value = sum((c.score for c, w in zip(criteria, model.criteria, strict=True) if w.is_social_value),
                           ZERO)
        results.append(BidScore(key=bid.key, price=bid.price, lowest_price=None, price_score=ZERO,
                                criteria=criteria, quality_score=quality, social_value_score=social_value,
                                total=quality, excluded=bool(reasons), exclusion_reasons=reasons,
                                abnormally_low=low, mean_of_others=mean))
    compliant = [result.price for result in results if not result.excluded]
    lowest = min(compliant) if compliant else None
    for result in results:
        if not result.excluded and lowest is not None:
            result.lowest_price = lowest
            result.price_score = price_score(price=result.price, lowest=lowest, weight=model.price_weight,
                                             formula=model.price_formula)
            result.total = result.price_score + result.quality_score
    return _rank(results, model.tie_break)


def _minimum(model: Model, key: str) -> int | None:
    return next(c.minimum_mark for c in model.criteria if c.key == key)


def _tie_key(result: BidScore, tie_break: str) -> Decimal:
    if tie_break == TieBreak.LOWEST_PRICE:
        return -result.price
    if tie_break == TieBreak.HIGHEST_SOCIAL_VALUE:
        return rounded(result.social_value_score)
    return rounded(result.quality_score)


TIE_BREAK_WORDS = {
    TieBreak.HIGHEST_QUALITY: "higher quality score",
    TieBreak.LOWEST_PRICE: "lower price",
    TieBreak.HIGHEST_SOCIAL_VALUE: "higher social value score",
}


def _rank(results: list[BidScore], tie_break: str) -> list[BidScore]:
    ranked = sorted((r for r in results if not r.excluded),
                    key=lambda r: (-r.shown_total, -_tie_key(r, tie_break), r.key))
    for position, result in enumerate(ranked, start=1):
        result.rank = position
    for before, after in zip(ranked, ranked[1:], strict=False):
        if before.shown_total == after.shown_total:
            if _tie_key(before, tie_break) != _tie_key(after, tie_break):
                words = TIE_BREAK_WORDS[TieBreak(tie_break)]
            else:
                words = "earlier receipt number (the stated tie-break did not separate them)"
            before.tie_broken_by = after.tie_broken_by = f"Tied on total score; ranked by {words}"
    excluded = sorted((r for r in results if r.excluded), key=lambda r: r.key)
    return ranked + excluded
