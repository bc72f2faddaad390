"""Progress as a chart that works without JavaScript: SVG coordinates computed here, drawn by
templates/monitoring/_chart.html, with the figures in a table beside it."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT, PAD = 480, 200, 32


@dataclass
class Chart:
    trajectory: str  # "x1,y1 x2,y2": the agreed line from baseline to target
    realised: str  # the polyline of realised values
    dots: list[tuple[float, float]]
    target_y: float
    width: int = WIDTH
    height: int = HEIGHT


def chart(row) -> Chart:
    """Scale dates to x and values to y (the lowest at the bottom, zero included)."""
    baseline = row.result.baseline if row.result.baseline is not None else row.result.target
    values = [baseline, row.result.target, *(p.value for p in row.points), Decimal(0)]
    low, high = min(values), max(values)
    spread = (high - low) or Decimal(1)
    span = max((row.end - row.start).days, 1)

    def x(day: datetime.date) -> float:
        part = min(max((day - row.start).days, 0), span) / span
        return round(PAD + part * (WIDTH - 2 * PAD), 1)

    def y(value: Decimal) -> float:
        return round(HEIGHT - PAD - float((value - low) / spread) * (HEIGHT - 2 * PAD), 1)

    dots = [(x(p.day), y(p.value)) for p in row.points]
    return Chart(
        trajectory=f"{x(row.start)},{y(baseline)} {x(row.end)},{y(row.result.target)}",
        realised=" ".join(f"{a},{b}" for a, b in [(x(row.start), y(baseline)), *dots]),
        dots=dots,
        target_y=y(row.result.target),
    )
