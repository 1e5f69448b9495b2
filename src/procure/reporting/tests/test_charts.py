from datetime import date
from decimal import Decimal

import pytest

from procure.reporting import charts
from procure.reporting.rules import Share
from procure.spend.kpis.selectors import MonthTotal


def _months(amounts, contracted=None):
    contracted = contracted or [0] * 12
    return [MonthTotal(date(2024 + (3 + i) // 12, (3 + i) % 12 + 1, 1), Decimal(a), Decimal(c))
            for i, (a, c) in enumerate(zip(amounts, contracted, strict=True))]


@pytest.mark.parametrize(("low", "high", "expected"), [
    (0, 2_141_069, (0, 3_000_000, 1_000_000)), (0, 750, (0, 800, 200)), (-300, 900, (-500, 1000, 500)),
    (0, 0, (0, 1, 0.25)),
])
def test_nice_scale_takes_in_zero_and_steps_roundly(low, high, expected):
    assert charts.nice_scale(low, high) == pytest.approx(expected)


@pytest.mark.parametrize(("amount", "expected"), [
    (Decimal("4200000"), "£4.2M"), (Decimal("350000"), "£350k"), (Decimal("900"), "£900"),
    (Decimal("-1500"), "-£1.5k"), (999_999, "£1M"),
])
def test_compact_money(amount, expected):
    assert charts.compact_money(amount) == expected


def test_monthly_columns_are_as_tall_as_their_amounts():
    chart = charts.monthly_chart(_months([100, 200] + [0] * 10, [50] + [0] * 11), year_label="2024/25")
    spend = [rect for rect in chart.rects if rect.series == "spend"]
    contracted = [rect for rect in chart.rects if rect.series == "contracted"]
    assert len(spend) == len(contracted) == 12
    assert spend[1].height == pytest.approx(2 * spend[0].height)
    assert contracted[0].height == pytest.approx(spend[0].height / 2)
    assert [text.text for text in chart.texts if text.anchor == "middle"][:3] == ["Apr", "May", "Jun"]


def test_monthly_credit_month_goes_below_the_zero_line():
    chart = charts.monthly_chart(_months([100, -50] + [0] * 10), year_label="2024/25")
    zero = next(y1 for x1, y1, x2, y2, kind in chart.lines if kind == "axis")
    april, may = [rect for rect in chart.rects if rect.series == "spend"][:2]
    assert april.y + april.height == pytest.approx(zero)
    assert may.y == pytest.approx(zero) and may.height > 0


def test_monthly_summary_names_the_highest_and_lowest_months():
    chart = charts.monthly_chart(_months([100, 900] + [50] * 10), year_label="2024/25")
    assert "Highest month May 2024 at £900.00, lowest June 2024 at £50.00" in chart.label
    assert charts.monthly_chart(_months([0] * 12), year_label="2024/25").label.endswith("no spend recorded.")


def test_bars_are_proportional_and_labelled_with_amount_and_share():
    rows = [Share("Fuel", Decimal(1000), Decimal("50.00")), Share("Cleaning", Decimal(500), Decimal("25.00")),
            Share("Refund", Decimal(-20), Decimal("-1.00"))]
    chart = charts.bar_chart(rows, chart_id="chart-x", label="x")
    widths = [rect.width for rect in chart.rects]
    assert widths[1] == pytest.approx(widths[0] / 2) and widths[2] == 0
    texts = [text.text for text in chart.texts]
    assert "Fuel" in texts and "£1k (50.00%)" in texts and "-£20 (-1.00%)" in texts


def test_trajectory_marks_the_bands_and_the_current_value():
    chart = charts.trajectory_chart(non_ict_pct=Decimal("62.50"), overall_pct=None)
    bands = [rect for rect in chart.rects if rect.series == "band"]
    current = next(rect for rect in chart.rects if rect.series == "current")
    left, scale = 20.0, (charts.WIDTH - 50.0) / 100
    assert [edge for band in bands for edge in (band.x, band.x + band.width)] == pytest.approx(
        [left + 50 * scale, left + 60 * scale, left + 75 * scale, left + 80 * scale])
    assert current.width == pytest.approx(62.5 * scale)
    texts = [text.text for text in chart.texts]
    assert "62.50%" in texts and "no figure" in texts and "In the end: 80%" in texts
    assert "62.50%" in chart.label and "50–60% after 18 months" in chart.label
