"""Charts drawn on the server as SVG: horizontal bars, stacked by series, with counts on every bar.

Each bar segment is a ``<rect>`` with ``data-category``, ``data-series`` and ``data-count``, and
each bar's total a ``<text data-total=…>``, so that tests (and assistive tools) read the numbers
the chart shows. Colours come from a fixed palette; nothing is fetched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#1d4ed8", "#15803d", "#b45309", "#b91c1c", "#7c3aed", "#0e7490", "#be185d", "#4d7c0f", "#57534e")


@dataclass(frozen=True)
class Chart:
    """A chart: id, title, the categories (bars) and series (segments), and the count of each pair."""

    id: str
    title: str
    categories: list[str]
    series: list[str]
    counts: dict[tuple[str, str], int]

    def total(self, category: str) -> int:
        return sum(self.counts.get((category, s), 0) for s in self.series)


def chart(id: str, title: str, pairs: Iterable[tuple[str, str]], *, categories: Sequence[str] | None = None,
          series: Sequence[str] | None = None) -> Chart:
    """A chart counting ``(category, series)`` pairs; categories and series sorted unless given."""
    counts = Counter(pairs)
    cats = list(categories) if categories is not None else sorted({c for c, _ in counts})
    sers = list(series) if series is not None else sorted({s for _, s in counts})
    return Chart(id=id, title=title, categories=cats, series=sers, counts=dict(counts))


def svg(c: Chart, *, width: int = 560, bar: int = 22, gap: int = 8, label_width: int = 190) -> str:
    """The chart as an inline SVG element (scales with its container through ``viewBox``)."""
    legend_rows = (len(c.series) + 2) // 3 if len(c.series) > 1 else 0
    top = 8 + legend_rows * 18
    height = top + len(c.categories) * (bar + gap) + 8
    biggest = max((c.total(cat) for cat in c.categories), default=0) or 1
    plot = width - label_width - 40
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
           f'aria-labelledby="{c.id}-title" data-chart="{escape(c.id)}" font-family="sans-serif" font-size="12">',
           f'<title id="{c.id}-title">{escape(c.title)}</title>']
    if legend_rows:
        for n, s in enumerate(c.series):
            lx, ly = 8 + (n % 3) * (width // 3), 6 + (n // 3) * 18
            out.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{PALETTE[n % len(PALETTE)]}"/>'
                       f'<text x="{lx + 16}" y="{ly + 10}">{escape(s)}</text>')
    for row, cat in enumerate(c.categories):
        y = top + row * (bar + gap)
        label = cat if len(cat) <= 28 else cat[:27] + "…"
        out.append(f'<text x="{label_width - 6}" y="{y + bar * 0.7:.1f}" text-anchor="end">'
                   f'<title>{escape(cat)}</title>{escape(label)}</text>')
        x = float(label_width)
        for n, s in enumerate(c.series):
            count = c.counts.get((cat, s), 0)
            if not count:
                continue
            w = plot * count / biggest
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{PALETTE[n % len(PALETTE)]}" '
                       f'data-category="{escape(cat)}" data-series="{escape(s)}" data-count="{count}">'
                       f'<title>{escape(cat)}: {escape(s)}: {count}</title></rect>')
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + bar * 0.7:.1f}" data-total="{c.total(cat)}">{c.total(cat)}</text>')
    out.append("</svg>")
    return "".join(out)
