"""Stacked bar charts drawn as SVG on the server: no JavaScript, nothing from a CDN. The
template draws what this works out; each chart also has its figures as a table."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    count: int
    series: str
    css: str


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    text_y: float  # baseline for the label and the total
    total: int
    total_x: float  # where the total is written, just after the bar
    segments: list[Segment]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar]
    series: list[tuple[str, str]]  # (label, css class) in drawing order
    rows: list[tuple[str, list[int], int]]  # (label, count per series, total): the table

    @property
    def label_x(self):
        return self.label_width - 8


CHARACTER_WIDTH = 7.5  # of a 13px label, near enough to leave room for the longest one


def stacked_bars(rows, series, *, width=720, bar_height=22, gap=8):
    """rows: [(label, [count per series])]; series: [(label, css class)]."""
    label_width = round(max((len(label) for label, _ in rows), default=10) * CHARACTER_WIDTH) + 16
    longest = max((sum(counts) for _, counts in rows), default=0) or 1
    plot_width = width - label_width - 50  # room for the total at the end of each bar
    bars = []
    for index, (label, counts) in enumerate(rows):
        x = label_width
        segments = []
        for count, (series_label, css) in zip(counts, series, strict=True):
            w = plot_width * count / longest
            if count:
                segments.append(Segment(round(x, 1), round(w, 1), count, series_label, css))
            x += w
        y = index * (bar_height + gap)
        bars.append(
            Bar(label, y, round(y + bar_height * 0.7, 1), sum(counts), round(x + 6, 1), segments)
        )
    return Chart(
        width=width,
        height=len(rows) * (bar_height + gap),
        label_width=label_width,
        bar_height=bar_height,
        bars=bars,
        series=series,
        rows=[(label, counts, sum(counts)) for label, counts in rows],
    )


@dataclass(frozen=True)
class Line:
    label: str
    css: str
    dash: str  # a dash pattern too, so lines are told apart without colour
    points: str  # "x,y x,y ..." for a polyline, the known values only
    dots: list[tuple[float, float, str]]  # (x, y, "label: value%")


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    axis_y: float
    lines: list[Line]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]


DASHES = ["", "6 4", "2 3"]


def percentage_lines(series, labels, *, width=720, height=260, left=48, right=20):
    """Percentages over time, one line a series: `series` is [(label, css, [value or None for
    each of `labels`])]. A value not known or not shown breaks nothing: it is left out."""
    top, bottom = 12, height - 40
    highest = max((v for _, _, values in series for v in values if v is not None), default=0)
    ceiling = max(10, -(-highest // 10) * 10)  # the next ten above the highest value
    step = (width - left - right) / max(len(labels) - 1, 1)

    def x(i):
        return round(left + (step * i if len(labels) > 1 else (width - left - right) / 2), 1)

    def y(value):
        return round(bottom - (bottom - top) * value / ceiling, 1)

    lines = []
    for n, (label, css, values) in enumerate(series):
        known = [(x(i), y(v), f"{labels[i]}: {v}%") for i, v in enumerate(values) if v is not None]
        points = " ".join(f"{px},{py}" for px, py, _ in known)
        lines.append(Line(label, css, DASHES[n % len(DASHES)], points, known))
    y_ticks = [(y(ceiling * k / 4), f"{ceiling * k / 4:g}%") for k in range(5)]
    return LineChart(
        width, height, bottom, lines, [(x(i), lab) for i, lab in enumerate(labels)], y_ticks
    )
