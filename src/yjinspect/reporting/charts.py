"""Charts for the report, as inline SVG drawn with matplotlib (no pyplot: no global state).

Each chart has a text title for screen readers and sits beside a table with the same figures,
so nothing is shown only as a picture.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import matplotlib as mpl
from matplotlib.figure import Figure

from yjinspect.frameworks.schema import RatedFramework
from yjinspect.ratings.standards import StandardRating

if TYPE_CHECKING:
    from yjinspect.reporting.inspection import ProfileTable

# GOV.UK Frontend colours, so charts match the pages around them.
BAR = "#1d70b8"
INK = "#0b0c0c"
EDGE = "#505a5f"
BAND_FILLS = ("#f3f2f1", "#ffffff")
STYLE = {
    "svg.fonttype": "none",  # text stays text: selectable, searchable, scalable
    "svg.hashsalt": "yjinspect",  # stable ids: the same data gives the same file
    "font.family": ["Liberation Sans", "DejaVu Sans", "sans-serif"],
    "font.size": 8,
}


_ID = re.compile(r'id="([^"]+)"')
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


def _svg(figure: Figure, title: str, key: str) -> str:
    """The chart as an SVG element for inline use; its ids are prefixed with `key` so that
    several charts on one page never share an id."""
    buffer = io.StringIO()
    with mpl.rc_context(STYLE):
        figure.savefig(buffer, format="svg", metadata={"Title": title, "Date": None})
    svg = _METADATA.sub("", buffer.getvalue())
    svg = svg[svg.index("<svg") :]
    for found in set(_ID.findall(svg)):
        svg = svg.replace(f'id="{found}"', f'id="{key}-{found}"')
        svg = svg.replace(f"#{found})", f"#{key}-{found})").replace(
            f'"#{found}"', f'"#{key}-{found}"'
        )
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escaped}" ', 1)


def _lay_out(figure: Figure) -> None:
    """Fit the axes and labels to the figure, once. `tight_layout` leaves a placeholder layout
    engine behind, and with any engine `savefig` draws the whole figure a second time (a dry
    run) before drawing it; with none, the chart is drawn once, to the same SVG."""
    figure.tight_layout(pad=0.4)
    figure.set_layout_engine(None)


def standard_chart(framework: RatedFramework, rated: StandardRating) -> str:
    """Each key question's % yes with its interval, against the framework's band edges."""
    results = [r for r in rated.key_questions if r.tally.percent is not None]
    bands = sorted(framework.rules.bands, key=lambda band: band.min_percent)
    with mpl.rc_context(STYLE):
        figure = Figure(figsize=(6.2, 0.42 * len(results) + 0.85))
        axes = figure.add_subplot()
        edges = [float(band.min_percent) for band in bands] + [100.0]
        for index, band in enumerate(bands):
            low, high = edges[index], edges[index + 1]
            axes.axvspan(low, high, color=BAND_FILLS[index % 2], zorder=0)
            if low > 0:
                axes.axvline(low, color=EDGE, linestyle="--", linewidth=0.8, zorder=1)
            name = band.rating if high - low >= 20 else band.rating.replace(" ", "\n", 1)
            axes.text(
                (low + high) / 2, len(results) - 0.4, name, ha="center", va="bottom",
                color=EDGE, fontsize=6.5, linespacing=1.0,
            )  # fmt: skip
        rows = range(len(results))[::-1]
        percents = [float(r.tally.percent or 0) for r in results]
        axes.barh(rows, percents, height=0.5, color=BAR, zorder=2)
        for row, result, percent in zip(rows, results, percents, strict=True):
            if result.interval is not None:
                low, high = result.interval
                axes.errorbar(
                    percent, row, xerr=[[percent - low], [high - percent]], fmt="none",
                    ecolor=INK, capsize=3, linewidth=1, zorder=3,
                )  # fmt: skip
            axes.text(2, row, f"{result.tally.percent}%", va="center", color="white", zorder=4)
        axes.set_yticks(list(rows), [r.id for r in results])
        axes.set_xlim(0, 100)
        axes.set_ylim(-0.6, len(results) + 0.05)
        axes.set_xlabel("% yes, with 95% interval; dashed lines are band edges")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        _lay_out(figure)
    title = f"Standard {rated.id}: % yes per key question, with intervals and band edges"
    return _svg(figure, title, f"chart-{rated.id.replace('.', '-')}")


SEGMENTS = ("#1d70b8", "#00703c", "#4c2c92", "#d4351c", "#f47738", "#5694ca", "#85994b",
            "#912b88", "#28a197", "#505a5f")  # fmt: skip


def caseload_chart(tables: Sequence[ProfileTable]) -> str:
    """One 100% bar per profile variable, split by category; small shares are left unlabelled
    in the bar (the tables beside the chart give every figure)."""
    with mpl.rc_context(STYLE):
        figure = Figure(figsize=(6.2, 0.5 * len(tables) + 0.5))
        axes = figure.add_subplot()
        rows = range(len(tables))[::-1]
        for row, table in zip(rows, tables, strict=True):
            total = sum(count for _, count, _ in table.rows) or 1
            left = 0.0
            for index, (category, count, _) in enumerate(table.rows):
                width = 100 * count / total
                colour = SEGMENTS[index % len(SEGMENTS)]
                axes.barh(row, width, left=left, height=0.6, color=colour, edgecolor="white")
                words = f"{category} {width:.0f}%"
                # About one percentage point per character at this size; else the share alone.
                shown = words if width >= len(words) + 2 else f"{width:.0f}%" if width >= 5 else ""
                axes.text(left + width / 2, row, shown, ha="center", va="center", color="white",
                          fontsize=6.5)  # fmt: skip
                left += width
        axes.set_yticks(list(rows), [table.title for table in tables])
        axes.set_xlim(0, 100)
        axes.set_xlabel("% of eligible cases")
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        _lay_out(figure)
    return _svg(figure, "Caseload profile: share of eligible cases in each category", "caseload")
