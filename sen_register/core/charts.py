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
