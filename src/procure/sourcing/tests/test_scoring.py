"""The scoring rules of DESIGN.md section 6, with worked examples and the invariants held for any bids."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from procure.sourcing.choices import PriceFormula, TieBreak
from procure.sourcing.evaluation.scoring import BidInput, CriterionWeight, Model, price_score, score_bids

D = Decimal
METHOD = CriterionWeight("Q1", D("30"), 5, minimum_mark=2)
SOCIAL = CriterionWeight("Q2", D("10"), 5, is_social_value=True)
SIXTY_FORTY = Model(price_weight=D("60"), criteria=(METHOD, SOCIAL))


def test_a_worked_example_of_price_and_quality():
    pendle, ribble = score_bids(SIXTY_FORTY, [
        BidInput("R-2", D("120000.00"), {"Q1": 4, "Q2": 5}),
        BidInput("R-1", D("100000.00"), {"Q1": 3, "Q2": 2}),
    ])
    # price 100,000 / 120,000 x 60 = 50; quality 4/5 x 30 + 5/5 x 10 = 34; total 84
    assert (pendle.key, pendle.shown_total, pendle.rank) == ("R-2", D("84.00"), 1)
    assert pendle.price_score == D("50") and pendle.quality_score == D("34")
    # lowest price, full 60; quality 3/5 x 30 + 2/5 x 10 = 22; total 82
    assert (ribble.key, ribble.shown_total, ribble.rank) == ("R-1", D("82.00"), 2)


def test_a_mark_below_the_minimum_excludes_and_the_lowest_compliant_price_sets_the_scale():
    winner, excluded = score_bids(SIXTY_FORTY, [
        BidInput("R-1", D("50000"), {"Q1": 1, "Q2": 5}),
        BidInput("R-2", D("80000"), {"Q1": 3, "Q2": 3}),
    ])
    assert excluded.excluded and excluded.rank is None and "below the minimum of 2" in excluded.exclusion_reasons[0]
    assert winner.lowest_price == D("80000") and winner.price_score == D("60")


def test_a_price_far_below_the_others_is_flagged_not_excluded():
    results = {r.key: r for r in score_bids(SIXTY_FORTY, [
        BidInput("R-1", D("60000"), {"Q1": 3, "Q2": 3}),
        BidInput("R-2", D("100000"), {"Q1": 3, "Q2": 3}),
        BidInput("R-3", D("110000"), {"Q1": 3, "Q2": 3}),
    ])}
    assert results["R-1"].abnormally_low and results["R-1"].mean_of_others == D("105000")
    assert not results["R-1"].excluded and results["R-1"].rank == 1
    assert not results["R-2"].abnormally_low


def test_the_stated_tie_break_separates_equal_totals():
    by_quality = Model(price_weight=D("60"), criteria=(METHOD, SOCIAL), tie_break=TieBreak.HIGHEST_QUALITY)
    bids = [BidInput("R-1", D("100000"), {"Q1": 3, "Q2": 3}),   # 60 + 24 = 84
            BidInput("R-2", D("120000"), {"Q1": 4, "Q2": 5})]   # 50 + 34 = 84
    first, second = score_bids(by_quality, bids)
    assert first.key == "R-2" and "higher quality score" in first.tie_broken_by
    by_price = Model(price_weight=D("60"), criteria=(METHOD, SOCIAL), tie_break=TieBreak.LOWEST_PRICE)
    assert score_bids(by_price, bids)[0].key == "R-1"


def test_the_difference_formula_takes_one_percent_of_the_weight_for_each_percent_above_the_lowest():
    assert price_score(price=D("110"), lowest=D("100"), weight=D("60"),
                       formula=PriceFormula.DIFFERENCE_FROM_LOWEST) == D("54")
    assert price_score(price=D("250"), lowest=D("100"), weight=D("60"),
                       formula=PriceFormula.DIFFERENCE_FROM_LOWEST) == D("0")


prices = st.decimals(min_value=D("1.00"), max_value=D("5000000.00"), places=2)
weights = st.integers(min_value=0, max_value=100).map(D)
formulas = st.sampled_from(list(PriceFormula))


@st.composite
def tenders(draw):
    price_weight = draw(st.integers(min_value=0, max_value=100))
    count = draw(st.integers(min_value=1, max_value=4))
    parts = sorted(draw(st.lists(st.integers(0, 100 - price_weight), min_size=count - 1, max_size=count - 1)))
    bounds = [0, *parts, 100 - price_weight]
    criteria = tuple(CriterionWeight(f"Q{i}", D(bounds[i + 1] - bounds[i]), draw(st.integers(1, 10)),
                                     is_social_value=(i == 0)) for i in range(count))
    model = Model(price_weight=D(price_weight), criteria=criteria, price_formula=draw(formulas),
                  tie_break=draw(st.sampled_from(list(TieBreak))))
    bids = [BidInput(f"R-{n:03d}", draw(prices), {c.key: draw(st.integers(0, c.max_mark)) for c in criteria})
            for n in range(draw(st.integers(1, 6)))]
    return model, bids


@settings(max_examples=150, deadline=None)
@given(tenders())
def test_every_score_is_within_its_bounds_and_the_weights_are_respected(case):
    model, bids = case
    for result in score_bids(model, bids):
        assert D("0") <= result.price_score <= model.price_weight
        for score, criterion in zip(result.criteria, model.criteria, strict=True):
            assert D("0") <= score.score <= criterion.weight
        assert D("0") <= result.total <= D("100")
        assert result.total == result.price_score + result.quality_score


@settings(max_examples=150, deadline=None)
@given(prices, prices, prices, weights, formulas)
def test_a_lower_price_never_lowers_the_price_score(lowest, price, cheaper, weight, formula):
    lowest = min(lowest, price, cheaper)
    cheaper, price = sorted((price, cheaper))
    assert (price_score(price=cheaper, lowest=lowest, weight=weight, formula=formula)
            >= price_score(price=price, lowest=lowest, weight=weight, formula=formula))


@settings(max_examples=150, deadline=None)
@given(tenders(), st.randoms(use_true_random=False))
def test_the_ranking_does_not_depend_on_the_order_bids_arrived_in(case, random):
    model, bids = case
    shuffled = list(bids)
    random.shuffle(shuffled)
    ranking = [(r.key, r.rank, r.total) for r in score_bids(model, bids)]
    assert [(r.key, r.rank, r.total) for r in score_bids(model, shuffled)] == ranking
