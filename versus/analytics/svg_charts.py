"""Horizontal bar charts as inline SVG: the HTML report's pictures, with no script and no external asset.

Each bar carries its value as text, so the chart reads without hovering, prints, and survives an e-mail
client that strips scripts.
"""

from collections.abc import Callable, Sequence
from html import escape

PALETTE = ("#3b6fb6", "#e08a2c", "#5a9e4b", "#b0413e")
ROW_HEIGHT = 22
LABEL_WIDTH = 190
BAR_WIDTH = 420
VALUE_WIDTH = 90


def bar_chart(
    title: str,
    rows: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[str],
    fmt: Callable[[float | None], str] = lambda v: "–" if v is None else f"{v:g}",
) -> str:
    """One group of bars per row (one bar per series), scaled to the largest value in the chart."""
    largest = max((v for _, values in rows for v in values if v), default=0.0) or 1.0
    group = ROW_HEIGHT * len(series) + 8
    legend = 22 if len(series) > 1 else 0
    height = 28 + legend + group * max(len(rows), 1)
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f'<text x="0" y="16" class="chart-title">{escape(title)}</text>',
    ]
    for index, name in enumerate(series if legend else ()):
        x = LABEL_WIDTH + index * 150
        parts.append(f'<rect x="{x}" y="26" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + 18}" y="37">{escape(name)}</text>')
    if not rows:
        parts.append(f'<text x="{LABEL_WIDTH}" y="{40 + legend}">no data</text>')
    for row_index, (label, values) in enumerate(rows):
        top = 28 + legend + row_index * group
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{top + ROW_HEIGHT - 6}" text-anchor="end">{escape(label)}</text>')
        for index, value in enumerate(values):
            y = top + index * ROW_HEIGHT
            length = 0.0 if not value else max(1.0, BAR_WIDTH * value / largest)
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" height="{ROW_HEIGHT - 6}" fill="{colour}"/>'
            )
            end = LABEL_WIDTH + length + 6
            parts.append(f'<text x="{end:.1f}" y="{y + ROW_HEIGHT - 7}">{escape(fmt(value))}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
