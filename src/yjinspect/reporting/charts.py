"""Charts for the report, as inline SVG drawn with matplotlib (no pyplot: no global state).

Each chart has a text title for screen readers and sits beside a table with the same figures,
so nothing is shown only as a picture.
"""

from __future__ import annotations

import functools
import io
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import matplotlib as mpl
from markupsafe import escape
from matplotlib import font_manager
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
# The report's own text face (report.css); DejaVu Sans ships with matplotlib, so it is always there.
PREFERRED_FONT = "Liberation Sans"
FALLBACK_FONT = "DejaVu Sans"

_log = logging.getLogger(__name__)


def _installed(family: str) -> bool:
    return any(font.name == family for font in font_manager.fontManager.ttflist)


@functools.cache
def chart_font() -> str:
    """The family charts are drawn in: the report's face if the system has it, else the one
    matplotlib ships. Never a name matplotlib cannot find, which would make it log a warning
    for every piece of text; a missing preferred face is said once per process."""
    if not _installed(PREFERRED_FONT):
        # matplotlib's font cache may predate the font's installation: add what it lacks.
        known = {font.fname for font in font_manager.fontManager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in known:
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue  # a font file matplotlib cannot read is not ours to report
    if _installed(PREFERRED_FONT):
        return PREFERRED_FONT
    _log.warning(
        "%s is not installed, so the report's charts use %s (Debian: apt-get install "
        "fonts-liberation)",
        PREFERRED_FONT,
        FALLBACK_FONT,
    )
    return FALLBACK_FONT


def chart_style() -> dict[str, object]:
    font = chart_font()
    return {
        "svg.fonttype": "none",  # text stays text: selectable, searchable, scalable
        "svg.hashsalt": "yjinspect",  # stable ids: the same data gives the same file
        # The generic family ends the SVG's font list, for a browser that has neither face.
        "font.family": [font, "sans-serif"] if font != FALLBACK_FONT else ["sans-serif"],
        "font.sans-serif": [FALLBACK_FONT],
        "font.size": 8,
        "text.parse_math": False,  # a label is words: '$' is a pound or dollar, never maths
    }


_ID = re.compile(r'id="([^"]+)"')
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_STYLE_SHEET = re.compile(r"\s*<defs>\s*<style[^>]*>\*\{([^}]*)\}</style>\s*</defs>")
_STYLE_ATTRIBUTE = re.compile(r' style="([^"]*)"')


def _as_attributes(declarations: str) -> str:
    """`fill: #fff; stroke-width: 0.8` as SVG presentation attributes, which browsers and
    WeasyPrint's SVG renderer read, where WeasyPrint's CSS would warn of an unknown property."""
    pairs = (d.split(":", 1) for d in declarations.split(";") if d.strip())
    attributes = []
    for name, value in pairs:
        value = value.strip().replace('"', "'")
        attributes.append(f' {name.strip()}="{value}"')
    return "".join(attributes)


def _presentation_attributes(svg: str) -> str:
    """Matplotlib's inline styles and its `*{...}` sheet, as attributes; the sheet's
    declarations go on the root, from which every element inherits them."""
    sheet = _STYLE_SHEET.search(svg)
    if sheet is not None:
        svg = svg[: sheet.start()] + svg[sheet.end() :]
        svg = svg.replace("<svg ", f"<svg{_as_attributes(sheet.group(1))} ", 1)
    return _STYLE_ATTRIBUTE.sub(lambda found: _as_attributes(found.group(1)), svg)


def svg_element(figure: Figure, title: str, key: str) -> str:
    """The chart as an SVG element for inline use; its ids are prefixed with `key` so that
    several charts on one page never share an id."""
    buffer = io.StringIO()
    with mpl.rc_context(chart_style()):
        figure.savefig(buffer, format="svg", metadata={"Title": title, "Date": None})
    svg = _METADATA.sub("", buffer.getvalue())
    svg = _presentation_attributes(svg[svg.index("<svg") :])
    for found in set(_ID.findall(svg)):
        svg = svg.replace(f'id="{found}"', f'id="{key}-{found}"')
        svg = svg.replace(f"#{found})", f"#{key}-{found})").replace(
            f'"#{found}"', f'"#{key}-{found}"'
        )
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)


def lay_out(figure: Figure) -> None:
    """Fit the axes and labels to the figure, once. `tight_layout` leaves a placeholder layout
    engine behind, and with any engine `savefig` draws the whole figure a second time (a dry
    run) before drawing it; with none, the chart is drawn once, to the same SVG."""
    figure.tight_layout(pad=0.4)
    figure.set_layout_engine(None)


def standard_chart(framework: RatedFramework, rated: StandardRating) -> str:
    """Each key question's % yes with its interval, against the framework's band edges."""
    results = [r for r in rated.key_questions if r.tally.percent is not None]
    bands = sorted(framework.rules.bands, key=lambda band: band.min_percent)
    with mpl.rc_context(chart_style()):
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
        lay_out(figure)
    title = f"Standard {rated.id}: % yes per key question, with intervals and band edges"
    return svg_element(figure, title, f"chart-{rated.id.replace('.', '-')}")


SEGMENTS = ("#1d70b8", "#00703c", "#4c2c92", "#d4351c", "#f47738", "#5694ca", "#85994b",
            "#912b88", "#28a197", "#505a5f")  # fmt: skip


def caseload_chart(tables: Sequence[ProfileTable]) -> str:
    """One 100% bar per profile variable, split by category; small shares are left unlabelled
    in the bar (the tables beside the chart give every figure)."""
    with mpl.rc_context(chart_style()):
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
        lay_out(figure)
    return svg_element(
        figure, "Caseload profile: share of eligible cases in each category", "caseload"
    )
