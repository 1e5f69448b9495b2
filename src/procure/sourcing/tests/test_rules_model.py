from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procure.sourcing.choices import SocialValuePolicy
from procure.sourcing.rules import (
    CriterionSpec,
    ModelSpec,
    Timetable,
    check_evaluation_model,
    check_timetable,
    social_value_minimum,
)

D = Decimal
LONDON = ZoneInfo("Europe/London")


def spec(price="60", quality="40", criteria=(("Q1", "39", False), ("Q2", "1", True)),
         policy=SocialValuePolicy.DEFAULT, lots=(), prices=None):
    return ModelSpec(price_weight=D(price), quality_weight=D(quality), policy=policy,
                     criteria=tuple(CriterionSpec(n, D(w), sv, *rest) for n, w, sv, *rest in criteria),
                     lots=lots, price_items_by_lot=prices if prices is not None else {None: 1})


def test_a_sound_60_40_model_passes():
    assert check_evaluation_model(spec()) == []


def test_price_and_quality_must_add_up_to_100():
    problems = check_evaluation_model(spec(price="70", quality="40", criteria=(("Q1", "38", False),
                                                                               ("Q2", "2", True))))
    assert [p.message for p in problems] == [
        "Price (70%) and quality (40%) add up to 110%: change them so they add up to 100%"]


def test_quality_questions_must_add_up_to_the_quality_element():
    problems = check_evaluation_model(spec(criteria=(("Q1", "30", False), ("Q2", "5", True))))
    assert problems[0].code == "SRC-11"
    assert problems[0].message == ("The quality questions add up to 35% but the quality element is 40%: "
                                   "add 5% across the questions")


def test_social_value_below_the_default_policy_says_how_much_to_add():
    # 2.5% of a 40% quality element is 1% of the total; 0.5% is given.
    problems = check_evaluation_model(spec(criteria=(("Q1", "39.5", False), ("Q2", "0.5", True))))
    assert [(p.code, p.message) for p in problems] == [("SRC-12", (
        "Social value weighs 0.5% of the total score; the policy minimum is 2.5% of the quality element "
        "(1% of the total): give social value questions at least 0.5% more weight"))]


def test_the_central_government_preset_needs_10_percent_of_the_total():
    assert social_value_minimum(SocialValuePolicy.CENTRAL_GOVERNMENT, D("40")) == D("10")
    problems = check_evaluation_model(spec(policy=SocialValuePolicy.CENTRAL_GOVERNMENT))
    assert [p.code for p in problems] == ["SRC-12"]
    assert check_evaluation_model(spec(policy=SocialValuePolicy.CENTRAL_GOVERNMENT,
                                       criteria=(("Q1", "30", False), ("Q2", "10", True)))) == []


def test_each_lot_is_checked_with_its_own_and_shared_questions():
    model = spec(lots=(1, 2), criteria=(("Q1", "30", False, None), ("Q2", "10", True, 1)),
                 prices={1: 1, 2: 1})
    problems = check_evaluation_model(model)
    assert {p.message.split(":")[0] for p in problems} == {"Lot 2"}
    assert {p.code for p in problems} == {"SRC-11", "SRC-12"}


def test_price_weight_needs_a_price_schedule():
    problems = check_evaluation_model(spec(prices={}))
    assert [p.code for p in problems] == ["SRC-13"]


@given(price=st.integers(0, 100), criteria=st.lists(
    st.tuples(st.decimals(min_value=0, max_value=60, places=2), st.booleans()), max_size=6),
    policy=st.sampled_from(list(SocialValuePolicy)))
def test_a_model_that_passes_respects_the_weights_and_the_policy(price, criteria, policy):
    quality = D(100 - price)
    model = spec(price=str(price), quality=str(quality), policy=policy,
                 criteria=tuple((f"Q{n}", str(w), sv) for n, (w, sv) in enumerate(criteria)))
    if not check_evaluation_model(model):
        assert model.price_weight + model.quality_weight == 100
        assert sum(c.weight for c in model.criteria) == quality
        assert sum(c.weight for c in model.criteria if c.is_social_value) >= social_value_minimum(policy, quality)


def _timetable(**changes):
    now = datetime(2026, 12, 7, 9, 0, tzinfo=LONDON)
    values = dict(publish_on=date(2026, 12, 8), clarification_deadline=now + timedelta(days=14),
                  submission_deadline=now + timedelta(days=30), evaluation_on=date(2027, 1, 7),
                  award_on=date(2027, 1, 20), standstill_ends_on=date(2027, 2, 1),
                  contract_starts_on=date(2027, 3, 1), contract_ends_on=date(2030, 2, 28))
    values.update(changes)
    return Timetable(**values), now


def test_a_timetable_in_order_passes():
    timetable, now = _timetable()
    assert check_timetable(timetable, now=now) == []


@pytest.mark.parametrize(("_case", "changes", "message"), [
    ("deadline passed", {"submission_deadline": datetime(2026, 12, 1, 12, 0, tzinfo=LONDON),
                         "clarification_deadline": datetime(2026, 11, 30, 12, 0, tzinfo=LONDON),
                         "publish_on": date(2026, 11, 1)},
     "The submission deadline has passed: set one in the future"),
    ("clarifications after submission", {"clarification_deadline": datetime(2027, 1, 10, 12, 0, tzinfo=LONDON)},
     "The submission deadline is before the clarification deadline: move it later"),
    ("contract inside standstill", {"contract_starts_on": date(2027, 1, 25)},
     "The contract cannot start until the standstill has ended on 01/02/2027: start it later"),
    ("no award date", {"award_on": None}, "Enter the planned award date"),
])
def test_a_timetable_out_of_order_says_what_to_move(_case, changes, message):
    timetable, now = _timetable(**changes)
    assert message in [problem.message for problem in check_timetable(timetable, now=now)]
