"""The national picture as the documented JSON form, as tables (rich, Markdown) and as a page.

Every figure is decided in `yjinspect.national`; this module only words and lays it out.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from yjinspect.national import FrameworkPicture, Picture, Position, Standing
from yjinspect.national.model import overall_names
from yjinspect.national.service_types import service_kind
from yjinspect.reporting.exports import DataTable, to_xlsx
from yjinspect.reporting.formats import NationalFormat
from yjinspect.reporting.tables import Document, Table, to_markdown, to_rich
from yjinspect.reporting.words import quantity

WEAKEST_SHOWN = 10


def share(part: int, whole: int) -> str:
    """'18 (23%)', the percentage whole and rounded half up; a dash for no base."""
    if not whole:
        return "—"
    return f"{part} ({(200 * part + whole) // (2 * whole)}%)"


def standing_sentence(standing: Standing, noun: str = "rated") -> str:
    """'3.1 Assessment: Requires improvement; 18 of 79 services were rated the same or lower'."""
    name = (
        standing.title if standing.id in ("overall", "score") else f"{standing.id} {standing.title}"
    )
    if standing.rating is None:
        return f"{name}: no rating, so no comparison"
    if not standing.of:
        return f"{name}: {standing.rating}; no other inspection in the picture has one to compare"
    were = "was" if standing.same_or_lower == 1 else "were"
    service = "service" if standing.of == 1 else "services"
    return (
        f"{name}: {standing.rating}; {standing.same_or_lower} of {standing.of} {service} "
        f"{were} {noun} the same or lower"
    )


def position_lines(position: Position) -> list[str]:
    return [
        standing_sentence(position.overall),
        standing_sentence(position.score, "scored"),
        *(standing_sentence(standing) for standing in position.standards),
    ]


# --- JSON --------------------------------------------------------------------------------------


def _standing(standing: Standing) -> dict[str, Any]:
    return {
        "id": standing.id,
        "title": standing.title,
        "rating": standing.rating,
        "same_or_lower": standing.same_or_lower,
        "of": standing.of,
        "sentence": standing_sentence(standing, "scored" if standing.id == "score" else "rated"),
    }


def _position(position: Position) -> dict[str, Any]:
    return {
        "service": position.service,
        "framework": position.framework.id,
        "compared": position.compared,
        "overall": _standing(position.overall),
        "score": _standing(position.score),
        "standards": [_standing(standing) for standing in position.standards],
    }


def national_to_dict(picture: Picture, position: Position | None = None) -> dict[str, Any]:
    """The stable JSON form (documented): counts only; each figure's base is the sum of its
    counts. Ratings appear in the framework's order, best first; `ratings` gives that order."""
    parts = picture.frameworks
    return {
        "inspections": picture.inspections,
        "unrated": picture.unrated,
        "filters": {
            "framework": picture.filters.framework,
            "year": picture.filters.year,
            "service_type": picture.filters.service_type,
            "region": picture.filters.region,
        },
        "frameworks": {p.framework.id: p.inspections for p in parts},
        "ratings": {
            p.framework.id: {
                "standards": p.framework.rating_names,
                "overall": overall_names(p.framework),
            }
            for p in parts
        },
        "overall": picture.overall(),
        "scores": [
            {
                "framework": p.framework.id,
                "score": score,
                "max_score": p.framework.max_score,
                "inspections": count,
            }
            for p in parts
            for score, count in sorted(p.scores.items())
        ],
        "standards": {p.framework.id: p.standards for p in parts},
        "key_questions": {p.framework.id: p.key_questions for p in parts},
        "by_year": {str(year): counts for year, counts in picture.by_year().items()},
        "standards_by_year": {
            p.framework.id: {str(y): counts for y, counts in p.standards_by_year.items()}
            for p in parts
        },
        "weakest": {
            p.framework.id: [
                {"id": w.id, "kind": w.kind, "title": w.title, "below": w.below, "of": w.of}
                for w in p.weakest
            ]
            for p in parts
        },
        "position": _position(position) if position else None,
        "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "message": p.message}
            for p in picture.problems
        ],
    }


# --- tables ------------------------------------------------------------------------------------


def _points(change: Fraction | None) -> str:
    if change is None:
        return "—"
    rounded = round(change)
    return f"{rounded:+d} points" if rounded else "no change"


def _framework_tables(part: FrameworkPicture) -> list[Table]:
    framework = part.framework
    names, overall = framework.rating_names, overall_names(framework)
    label = framework.title
    rated_overall = sum(part.overall.values())
    tables = [
        Table(
            f"Overall ratings: {label}",
            ["Overall rating", "Inspections (share)"],
            [[name, share(part.overall[name], rated_overall)] for name in overall],
            [
                f"Rests on {rated_overall} of {quantity(part.inspections, 'inspection')} "
                "with an overall rating."
            ],
        )
    ]
    if part.scores:
        scored = sum(part.scores.values())
        tables.append(
            Table(
                f"Scores: {label}",
                ["Score", "Inspections (share)"],
                [
                    [f"{score} of {framework.max_score}", share(count, scored)]
                    for score, count in sorted(part.scores.items(), reverse=True)
                ],
                [f"Rests on {quantity(scored, 'inspection')} with a score."],
            )
        )
    tables.append(
        Table(
            f"Standards: {label}",
            ["Standard", "Title", *names, "Rests on"],
            [
                [
                    standard.id,
                    standard.title,
                    *(
                        share(
                            part.standards[standard.id][n],
                            sum(part.standards[standard.id].values()),
                        )
                        for n in names
                    ),
                    str(sum(part.standards[standard.id].values())),
                ]
                for _, standard in framework.standards()
            ],
            ["Each row rests on the inspections with a rating for that standard."],
        )
    )
    weakest = [w for w in part.weakest if w.below][:WEAKEST_SHOWN]
    if weakest:
        tables.append(
            Table(
                f"Most often {part.below_word}: {label}",
                ["Id", "Kind", "About", _sentence_case(part.below_word), "Rests on"],
                [[w.id, w.kind, w.title, share(w.below, w.of), str(w.of)] for w in weakest],
                ["Key questions appear only where the sources carry them (results files)."],
            )
        )
    if part.by_year:
        tables.append(
            Table(
                f"Overall ratings by year of publication: {label}",
                ["Year", *overall, "Rests on", _sentence_case(part.at_least_word), "Change"],
                [
                    [
                        str(trend.year),
                        *(str(part.by_year[trend.year][n]) for n in overall),
                        str(trend.inspections),
                        share(trend.at_least, trend.inspections),
                        _points(trend.change),
                    ]
                    for trend in part.trend
                ],
                ["Change: percentage points since the previous year shown."],
            )
        )
        years = list(part.standards_by_year)
        low = names.index(part.below_word.removeprefix("below ")) + 1
        tables.append(
            Table(
                f"Standards {part.below_word} by year: {label}",
                ["Standard", *map(str, years)],
                [
                    [
                        f"{standard.id} {standard.title}",
                        *(
                            _below(part.standards_by_year[year][standard.id], names[low:])
                            for year in years
                        ),
                    ]
                    for _, standard in framework.standards()
                ],
                ["Each cell: inspections rated below, of those with a rating for the standard."],
            )
        )
    return tables


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _below(counts: dict[str, int], lower: Sequence[str]) -> str:
    whole = sum(counts.values())
    return f"{sum(counts[n] for n in lower)} of {whole}" if whole else "—"


def national_document(picture: Picture, position: Position | None = None) -> Document:
    lead = [
        quantity(picture.inspections, "inspection")
        + "".join(f"; {p.inspections} under {p.framework.title}" for p in picture.frameworks)
        + "."
    ]
    filters = picture.filters
    titles = {p.framework.id: p.framework.title for p in picture.frameworks}
    others = [
        f"{name} {value}"
        for name, value in (
            ("year", filters.year),
            ("service type", filters.service_type and service_kind(filters.service_type)),
            ("region", filters.region),
        )
        if value is not None
    ]
    kept = (
        [f"under {titles.get(filters.framework, filters.framework)}"] if filters.framework else []
    )
    kept += ["with " + ", ".join(others)] if others else []
    if kept:
        lead.append("Only inspections " + " and ".join(kept) + ".")
    if picture.unrated:
        lead.append(
            f"{quantity(picture.unrated, 'inspection')} left out, with nothing rated (no "
            "standard, overall rating or score): listed under Left out or repaired."
        )
    tables: list[Table] = []
    if position is not None:
        tables.append(
            Table(
                f"{position.service} against {quantity(position.compared, 'inspection')} under "
                f"{position.framework.title}",
                ["Position"],
                [[line] for line in position_lines(position)],
            )
        )
    for part in picture.frameworks:
        tables += _framework_tables(part)
    return Document(
        "The national picture",
        lead,
        tables,
        [("Left out or repaired", [p.describe() for p in picture.problems])],
    )


# --- page --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    table: Table
    chart: str | None  # inline SVG beside the table, or None


# The report's band colours (report.css), best first; more bands take the chart palette.
RATING_COLOURS = ("#00703c", "#1d70b8", "#ffdd00", "#d4351c")


def stacked_shares_chart(
    rows: Sequence[tuple[str, Sequence[int]]], names: Sequence[str], title: str, key: str
) -> str:
    """One 100% bar per row, split by rating in the framework's order, with a legend."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure as Canvas

    from yjinspect.reporting.charts import SEGMENTS, chart_style, lay_out, svg_element

    colours = [*RATING_COLOURS, *SEGMENTS][: len(names)]
    with rc_context(chart_style()):
        figure = Canvas(figsize=(6.2, 0.32 * len(rows) + 1.1))
        axes = figure.add_subplot()
        positions = range(len(rows))[::-1]
        for row, (_, values) in zip(positions, rows, strict=True):
            total = sum(values) or 1
            left = 0.0
            for value, colour, name in zip(values, colours, names, strict=True):
                width = 100 * value / total
                axes.barh(row, width, left=left, height=0.6, color=colour, edgecolor="white",
                          label=name if row == positions[0] else None)  # fmt: skip
                left += width
        axes.set_yticks(list(positions), [label for label, _ in rows])
        axes.set_xlim(0, 100)
        axes.set_xlabel("% of inspections with a rating")
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35 if len(rows) < 4 else -0.12),
                    ncol=len(names), frameon=False, fontsize=7)  # fmt: skip
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        lay_out(figure)
    return svg_element(figure, title, key)


def _charts(part: FrameworkPicture) -> dict[str, str]:
    framework = part.framework
    names, overall = framework.rating_names, overall_names(framework)
    label = framework.title
    key = framework.id.replace(".", "-")
    charts = {
        f"Standards: {label}": stacked_shares_chart(
            [(s.id, [part.standards[s.id][n] for n in names]) for _, s in framework.standards()],
            names,
            f"{label}: share of inspections given each rating, per standard",
            f"national-{key}-standards",
        )
    }
    if part.by_year:
        charts[f"Overall ratings by year of publication: {label}"] = stacked_shares_chart(
            [(str(year), [part.by_year[year][n] for n in overall]) for year in part.by_year],
            overall,
            f"{label}: share of inspections given each overall rating, per year",
            f"national-{key}-years",
        )
    return charts


def national_figures(picture: Picture, position: Position | None = None) -> list[Figure]:
    """The document's tables, each with its chart where it has one (the page and the report)."""
    document = national_document(picture, position)
    charts: dict[str, str] = {}
    for part in picture.frameworks:
        charts |= _charts(part)
    return [Figure(table, charts.get(table.title)) for table in document.tables]


def national_html(picture: Picture, position: Position | None = None) -> str:
    """A self-contained page: each chart sits beside the table with its figures."""
    from yjinspect.reporting.render import render, stylesheet

    document = national_document(picture, position)
    figures = national_figures(picture, position)
    return render("document.html.j2", document=document, figures=figures, css=stylesheet())


# --- data tables (XLSX) ------------------------------------------------------------------------


def _per_framework(counts: dict[str, dict[str, dict[str, int]]]) -> tuple[tuple, ...]:
    """{framework: {id: {rating: count}}} as rows (framework, id, rating, count)."""
    return tuple(
        (fid, item, rating, count)
        for fid, items in counts.items()
        for item, found in items.items()
        for rating, count in found.items()
    )


def national_tables(picture: Picture, position: Position | None = None) -> list[DataTable]:
    """The JSON form's counts as typed tables, one row per count (a sheet each in XLSX)."""
    data = national_to_dict(picture, position)
    tables = [
        DataTable(
            "overall",
            ("framework", "overall_rating", "inspections"),
            tuple(
                (p.framework.id, rating, count)
                for p in picture.frameworks
                for rating, count in p.overall.items()
            ),
        ),
        DataTable(
            "scores",
            ("framework", "score", "max_score", "inspections"),
            tuple(
                (row["framework"], row["score"], row["max_score"], row["inspections"])
                for row in data["scores"]
            ),
        ),
        DataTable(
            "standards",
            ("framework", "standard", "rating", "inspections"),
            _per_framework(data["standards"]),
        ),
        DataTable(
            "key_questions",
            ("framework", "key_question", "band", "inspections"),
            _per_framework(data["key_questions"]),
        ),
        DataTable(
            "by_year",
            ("framework", "year", "overall_rating", "inspections"),
            tuple(
                (p.framework.id, year, rating, count)
                for p in picture.frameworks
                for year, found in p.by_year.items()
                for rating, count in found.items()
            ),
        ),
        DataTable(
            "weakest",
            ("framework", "id", "kind", "title", "below", "of"),
            tuple(
                (fid, w["id"], w["kind"], w["title"], w["below"], w["of"])
                for fid, found in data["weakest"].items()
                for w in found
            ),
        ),
    ]
    if position is not None:
        standings = [position.overall, position.score, *position.standards]
        tables.append(
            DataTable(
                "position",
                ("service", "framework", "id", "title", "rating", "same_or_lower", "of"),
                tuple(
                    (
                        position.service,
                        position.framework.id,
                        s.id,
                        s.title,
                        s.rating,
                        s.same_or_lower,
                        s.of,
                    )
                    for s in standings
                ),
            )
        )
    tables.append(
        DataTable(
            "problems",
            ("file", "line", "column", "message"),
            tuple((p.file, p.line, p.column, p.message) for p in picture.problems),
        )
    )
    return tables


def render_national(
    picture: Picture, position: Position | None, output: NationalFormat, width: int = 160
) -> bytes:
    """The picture in one output format: the one place the CLI and the workspace both call."""
    if output is NationalFormat.json:
        text = json.dumps(national_to_dict(picture, position), indent=2, ensure_ascii=False)
        return (text + "\n").encode("utf-8")
    if output is NationalFormat.markdown:
        return to_markdown(national_document(picture, position)).encode("utf-8")
    if output is NationalFormat.table:
        from rich.console import Console

        buffer = io.StringIO()
        Console(file=buffer, width=width).print(to_rich(national_document(picture, position)))
        return buffer.getvalue().encode("utf-8")
    if output is NationalFormat.xlsx:
        return to_xlsx(national_tables(picture, position))
    html = national_html(picture, position)
    if output is NationalFormat.pdf:
        from yjinspect.reporting.render import html_to_pdf

        return html_to_pdf(html)
    if output is NationalFormat.docx:
        from yjinspect.reporting.word import document_bytes

        return document_bytes(html)
    return html.encode("utf-8")
