from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procure.core.errors import BusinessRuleViolation
from procure.sourcing.choices import ContractType, RequestStatus, SuggestedRoute
from procure.sourcing.requests import rules
from procure.sourcing.requests.defaults import DEFAULT_BANDS
from procure.sourcing.requests.rules import Band, Existing, Threshold, suggest_route

D = Decimal
TODAY = date(2026, 6, 1)
THRESHOLDS = [
    Threshold("goods_services", D("214904.00"), date(2024, 1, 1)),
    Threshold("goods_services", D("207720.00"), date(2026, 1, 1)),
    Threshold("works", D("5193000.00"), date(2026, 1, 1)),
]
BANDS = list(DEFAULT_BANDS)


def suggest(value, contract_type=ContractType.SERVICES, on=TODAY, bands=None, existing=()):
    return suggest_route(D(value), contract_type, on, BANDS if bands is None else bands, THRESHOLDS, list(existing))


@pytest.mark.parametrize(("value", "route"), [
    ("0", SuggestedRoute.QUOTES), ("9999.99", SuggestedRoute.QUOTES), ("10000", SuggestedRoute.QUOTES),
    ("50000", SuggestedRoute.TENDER), ("207719.99", SuggestedRoute.TENDER),
    ("207720", SuggestedRoute.REGULATED_TENDER), ("3000000", SuggestedRoute.REGULATED_TENDER),
])
def test_goods_and_services_go_by_the_bands_below_the_act_threshold(value, route):
    assert suggest(value).route == route


def test_works_have_their_own_threshold():
    assert suggest("3000000", ContractType.WORKS).route == SuggestedRoute.TENDER
    suggestion = suggest("5193000", ContractType.WORKS)
    assert suggestion.route == SuggestedRoute.REGULATED_TENDER
    assert "threshold for works (£5,193,000.00 including VAT, from 1 January 2026)" in suggestion.reason


def test_the_threshold_in_force_on_the_day_applies():
    assert suggest("210000", on=date(2025, 12, 31)).route == SuggestedRoute.TENDER
    assert suggest("210000", on=date(2026, 1, 1)).route == SuggestedRoute.REGULATED_TENDER


def test_the_reason_names_the_band_and_what_to_do():
    reason = suggest("12500").reason
    assert reason.startswith("£12,500.00 falls in our contract procedure rules' band from £10,000.00 up to "
                             "£50,000.00: get three written quotations")


def test_a_live_contract_comes_first_then_a_framework():
    contract = Existing("LC-1", "Vehicle servicing", is_framework=False)
    framework = Existing("RM6000", "CCS: Fleet management", is_framework=True)
    assert suggest("1000000", existing=[framework, contract]).route == SuggestedRoute.EXISTING_CONTRACT
    assert "LC-1 Vehicle servicing" in suggest("1000000", existing=[contract]).reason
    assert suggest("1000000", existing=[framework]).route == SuggestedRoute.FRAMEWORK_CALL_OFF


def test_a_newer_set_of_bands_replaces_the_older_one():
    newer = [Band(D("0"), D("25000"), SuggestedRoute.QUOTES, "three quotes", date(2026, 4, 1)),
             Band(D("25000"), None, SuggestedRoute.TENDER, "tender", date(2026, 4, 1))]
    assert suggest("20000", bands=BANDS + newer, on=date(2026, 3, 31)).reason.endswith("procurement keeps the "
                                                                                        "record")
    assert suggest("20000", bands=BANDS + newer, on=date(2026, 4, 1)).reason.endswith("three quotes")


def test_a_value_no_band_covers_is_tendered_and_says_so():
    suggestion = suggest("60000", bands=[Band(D("0"), D("50000"), SuggestedRoute.QUOTES, "quotes", TODAY)])
    assert suggestion.route == SuggestedRoute.TENDER
    assert "No contract procedure rule covers £60,000.00" in suggestion.reason


money = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False)


@given(low=money, high=money, contract_type=st.sampled_from(ContractType.values))
def test_the_route_never_gets_simpler_as_the_value_rises(low, high, contract_type):
    low, high = sorted((low, high))
    order = rules.ROUTE_ORDER
    assert order[suggest(low, contract_type).route] <= order[suggest(high, contract_type).route]


@given(value=money, contract_type=st.sampled_from(ContractType.values))
def test_at_or_above_the_act_threshold_it_is_always_a_regulated_tender(value, contract_type):
    threshold = rules.threshold_in_force(THRESHOLDS, contract_type, TODAY).value_gross
    assert (suggest(value, contract_type).route == SuggestedRoute.REGULATED_TENDER) == (value >= threshold)


def test_overlapping_bands_are_refused():
    with pytest.raises(BusinessRuleViolation, match="SRC-31.*overlaps the band from £0.00"):
        rules.check_bands([*BANDS[:1], Band(D("5000"), D("20000"), SuggestedRoute.QUOTES, "x",
                                            BANDS[0].effective_from)])
    with pytest.raises(BusinessRuleViolation, match="must end above where it starts"):
        rules.check_bands([Band(D("5000"), D("5000"), SuggestedRoute.QUOTES, "x", TODAY)])
    rules.check_bands(BANDS + [Band(D("5000"), None, SuggestedRoute.TENDER, "x", TODAY)])  # another date


def test_the_board_sees_needs_above_its_threshold():
    assert not rules.needs_board(D("100000.00"), D("100000.00"))
    assert rules.needs_board(D("100000.01"), D("100000.00"))


@pytest.mark.parametrize("status", [s for s in RequestStatus.values if s not in rules.BOARD_PENDING])
def test_the_board_decides_only_what_waits_for_it(status):
    with pytest.raises(BusinessRuleViolation, match="SRC-36"):
        rules.check_board_decidable(status)


@st.composite
def escalating_bands(draw):
    """Well-formed rules whose routes never get simpler as values rise: quotes, then tenders."""
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=500_000), min_size=1, max_size=4)))
    starts = [0, *cuts]
    switch = draw(st.integers(min_value=0, max_value=len(starts)))
    return [Band(D(start), D(end) if end is not None else None,
                 SuggestedRoute.QUOTES if index < switch else SuggestedRoute.TENDER, f"band {index}", TODAY)
            for index, (start, end) in enumerate(zip(starts, [*cuts, None], strict=True))]


@given(bands=escalating_bands(), low=money, high=money)
def test_any_escalating_rules_give_routes_that_never_get_simpler(bands, low, high):
    rules.check_bands(bands)
    low, high = sorted((low, high))
    order = rules.ROUTE_ORDER
    assert order[suggest(low, bands=bands).route] <= order[suggest(high, bands=bands).route]
    assert rules.pounds(low) in suggest(low, bands=bands).reason
