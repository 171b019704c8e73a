"""Geometry of the register's stacked bar chart (agreements per signing year and kind).

Pure numbers for an inline SVG the template draws; no chart library, nothing fetched.
"""

from __future__ import annotations

from dataclasses import dataclass

from search_api.register.rows import DOC_TYPES, RegisterStats

HEIGHT = 220
TOP = 12
BOTTOM = 190  # baseline of the bars; year labels below it
LEFT = 40
SLOT = 56
BAR = 36


@dataclass(frozen=True, slots=True)
class BarPart:
    kind: str
    count: int
    y: float
    height: float


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    total: int
    x: float
    parts: list[BarPart]


@dataclass(frozen=True, slots=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bar_width: int
    left: int
    baseline: int
    bars: list[Bar]
    ticks: list[Tick]


def bar_chart(stats: RegisterStats, unknown_label: str) -> Chart:
    """One stacked bar per year (kinds in DOC_TYPES order, bottom up), with 3-5 round ticks."""
    years = stats.by_year
    peak = max((y.total for y in years), default=0)
    step = _tick_step(peak)
    top_value = max(step, -(-peak // step) * step)
    scale = (BOTTOM - TOP) / top_value
    bars: list[Bar] = []
    for index, year in enumerate(years):
        x = LEFT + index * SLOT + (SLOT - BAR) / 2
        parts: list[BarPart] = []
        base = float(BOTTOM)
        for kind in DOC_TYPES:
            count = year.counts.get(kind, 0)
            if not count:
                continue
            height = count * scale
            base -= height
            parts.append(BarPart(kind, count, round(base, 1), round(height, 1)))
        label = str(year.year) if year.year is not None else unknown_label
        bars.append(Bar(label, year.total, x, parts))
    ticks = [Tick(v, round(BOTTOM - v * scale, 1)) for v in range(0, top_value + 1, step)]
    return Chart(
        width=LEFT + max(len(years), 4) * SLOT + 8,
        height=HEIGHT,
        bar_width=BAR,
        left=LEFT,
        baseline=BOTTOM,
        bars=bars,
        ticks=ticks,
    )


def _tick_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if peak / step <= 5:
            return step
    return -(-peak // 5)
