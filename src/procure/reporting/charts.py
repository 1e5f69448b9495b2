"""Chart geometry for server-drawn SVG: positions and sizes only, the templates draw them.

No chart library and no JavaScript: every chart is inline SVG with role="img" and a summary in its
aria-label, and sits beside a table holding the same figures. Bars carry patterns and text labels,
so no figure is told by colour alone.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from procure.core.money import format_money
from procure.reporting.rules import TRAJECTORY, Share

WIDTH = 640
LABEL_CHARACTERS = 58


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    series: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass
class Chart:
    """What a template needs to draw one chart."""

    id: str
    label: str
    width: int = WIDTH
    height: int = 300
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[tuple[float, float, float, float, str]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)


def compact_money(amount: float | Decimal) -> str:
    """£4.2M, £350k, £900: short enough for an axis."""
    value = float(amount)
    sign, value = ("-" if value < 0 else ""), abs(value)
    if value >= 999_500:
        return f"{sign}£{value / 1_000_000:.3g}M"
    if value >= 1_000:
        return f"{sign}£{value / 1_000:.3g}k"
    return f"{sign}£{value:.0f}"


def nice_scale(low: float, high: float, steps: int = 4) -> tuple[float, float, float]:
    """An axis from `low` to `high` (both taking in zero) in round steps of 1, 2, 2.5 or 5 × 10ⁿ."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low <= 0:
        high = 1.0
    raw = (high - low) / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _shorten(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1].rstrip() + "…"


def monthly_chart(months: Sequence, *, year_label: str) -> Chart:
    """Columns for each month's spend and contracted spend, side by side, with a money axis."""
    chart = Chart(id="chart-monthly", label=_monthly_summary(months, year_label), height=300,
                  legend=[("spend", "Spend"), ("contracted", "Contracted spend")])
    left, right, top, bottom = 70.0, WIDTH - 10.0, 15.0, 260.0
    values = [float(m.amount) for m in months] + [float(m.contracted) for m in months]
    low, high, step = nice_scale(min(values, default=0.0), max(values, default=0.0))

    def y_of(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    tick = low
    while tick <= high + step / 2:
        chart.lines.append((left, y_of(tick), right, y_of(tick), "grid"))
        chart.texts.append(Text(left - 6, y_of(tick) + 4, compact_money(tick), "end"))
        tick += step
    slot = (right - left) / max(len(months), 1)
    for index, month in enumerate(months):
        x = left + index * slot + slot * 0.12
        for offset, (series, value) in enumerate((("spend", month.amount), ("contracted", month.contracted))):
            top_y, base_y = sorted((y_of(float(value)), y_of(0.0)))
            chart.rects.append(Rect(x + offset * slot * 0.38, top_y, slot * 0.36, base_y - top_y, series))
        chart.texts.append(Text(left + (index + 0.5) * slot, bottom + 18, f"{month.month:%b}", "middle"))
    chart.lines.append((left, y_of(0.0), right, y_of(0.0), "axis"))
    return chart


def _monthly_summary(months: Sequence, year_label: str) -> str:
    if not months or not any(m.amount for m in months):
        return f"Monthly spend in {year_label}: no spend recorded."
    highest = max(months, key=lambda m: m.amount)
    lowest = min(months, key=lambda m: m.amount)
    return (f"Column chart of spend and contracted spend by month in {year_label}. Highest month "
            f"{highest.month:%B %Y} at {format_money(highest.amount)}, lowest {lowest.month:%B %Y} at "
            f"{format_money(lowest.amount)}. The table beside it gives every figure.")


def bar_chart(rows: Sequence[Share], *, chart_id: str, label: str, series: Sequence[str] = ()) -> Chart:
    """Horizontal bars, one per row, each labelled with its name, amount and share."""
    row_height = 46.0
    chart = Chart(id=chart_id, label=label, height=int(row_height * max(len(rows), 1) + 10))
    longest = max((float(row.amount) for row in rows), default=0.0)
    bar_room = WIDTH - 170.0
    for index, row in enumerate(rows):
        y = 5 + index * row_height
        width = bar_room * float(row.amount) / longest if longest > 0 and row.amount > 0 else 0.0
        name = series[index] if index < len(series) else "spend"
        chart.texts.append(Text(0, y + 13, _shorten(row.label)))
        chart.rects.append(Rect(0, y + 18, width, 22, name))
        share = f" ({row.pct}%)" if row.pct is not None else ""
        chart.texts.append(Text(width + 6, y + 34, f"{compact_money(row.amount)}{share}"))
    return chart


def trajectory_chart(*, non_ict_pct: Decimal | None, overall_pct: Decimal | None) -> Chart:
    """Collaborative percentages on a 0–100% scale over the national trajectory's bands, each band named
    on its own line above the scale."""
    left, right, top, axis = 20.0, WIDTH - 30.0, 58.0, 178.0

    def x_of(pct: float) -> float:
        return left + (right - left) * max(0.0, min(pct, 100.0)) / 100

    chart = Chart(id="chart-collaborative", height=205, label=_trajectory_summary(non_ict_pct, overall_pct),
                  legend=[("band", "Trajectory band"), ("target", "Final target (80%)")])
    eighteen_months, three_years, end = TRAJECTORY
    for row, band in enumerate((eighteen_months, three_years)):
        low, high = x_of(float(band.low)), x_of(float(band.high))
        chart.rects.append(Rect(low, top, high - low, axis - top, "band"))
        chart.texts.append(Text(high, 14 + row * 18, band.label, "end"))
    chart.lines.append((x_of(float(end.low)), top - 8, x_of(float(end.low)), axis, "target"))
    chart.texts.append(Text(x_of(float(end.low)) + 4, 50, end.label))
    for index, (name, pct) in enumerate((("Collaborative non-ICT spend", non_ict_pct),
                                         ("Collaborative spend, all", overall_pct))):
        y = top + 22 + index * 56
        width = x_of(float(pct)) - left if pct is not None else 0.0
        chart.texts.append(Text(left + 4, y, name))
        chart.rects.append(Rect(left, y + 6, width, 24, "current" if index == 0 else "overall"))
        shown = f"{pct}%" if pct is not None else "no figure"
        chart.texts.append(Text(left + width + 6, y + 24, shown))
    for tick in range(0, 101, 20):
        chart.lines.append((x_of(tick), axis, x_of(tick), axis + 6, "axis"))
        chart.texts.append(Text(x_of(tick), axis + 22, f"{tick}%", "middle"))
    chart.lines.append((left, axis, right, axis, "axis"))
    return chart


def _trajectory_summary(non_ict_pct: Decimal | None, overall_pct: Decimal | None) -> str:
    non_ict = f"{non_ict_pct}%" if non_ict_pct is not None else "no figure"
    overall = f"{overall_pct}%" if overall_pct is not None else "no figure"
    return (f"Collaborative non-ICT spend is {non_ict} (all spend {overall}) against the national trajectory: "
            "50–60% after 18 months, 75–80% after three years, 80% in the end.")


def month_label(month: date) -> str:
    return f"{month:%B %Y}"
