"""Plain tables that the CLI prints with rich and the Markdown output writes as text.

Report code builds `Table`s once; each renderer only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from yjinspect.reporting.escape import markdown_text as _md
from yjinspect.reporting.escape import plain_text


@dataclass(frozen=True)
class Table:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    notes: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class Document:
    """A titled run of tables, with lines before them and notes after."""

    title: str
    lead: Sequence[str]
    tables: Sequence[Table]
    notes: Sequence[tuple[str, Sequence[str]]] = field(default_factory=tuple)


def to_markdown(document: Document) -> str:
    """Every text is shown as written (`escape.markdown_text`): no markup comes from data."""
    lines = [f"# {_md(document.title)}", ""]
    lines += [*map(_md, document.lead), ""] if document.lead else []
    for table in document.tables:
        lines += [f"## {_md(table.title)}", ""]
        if table.rows:
            lines.append("| " + " | ".join(map(_md, table.headers)) + " |")
            lines.append("|" + "|".join("---" for _ in table.headers) + "|")
            lines += ["| " + " | ".join(map(_md, row)) + " |" for row in table.rows]
            lines.append("")
        lines += [*(f"- {_md(note)}" for note in table.notes), ""] if table.notes else []
    for heading, items in document.notes:
        if items:
            numbered = (f"{i}. {_md(item)}" for i, item in enumerate(items, 1))
            lines += [f"## {_md(heading)}", "", *numbered, ""]
    return "\n".join(lines).rstrip() + "\n"


def _text(text: str, style: str = "") -> Text:
    """Words for the terminal exactly as written: never Rich markup (`[link=...]`), and no
    control characters (terminal escape sequences) from a file."""
    return Text(plain_text(text), style=style)


def to_rich(document: Document) -> RenderableType:
    parts: list[RenderableType] = [_text(document.title, "bold")]
    parts += [_text(line) for line in document.lead]
    for table in document.tables:
        rich_table = RichTable(title=_text(table.title), box=box.SIMPLE_HEAD, title_justify="left")
        for header in table.headers:
            rich_table.add_column(_text(header))
        for row in table.rows:
            rich_table.add_row(*(_text(cell) for cell in row))
        parts.append(rich_table)
        parts += [_text(f"  {note}", "dim") for note in table.notes]
    for heading, items in document.notes:
        if items:
            parts.append(_text(heading, "bold"))
            parts += [_text(f"  {i}. {item}") for i, item in enumerate(items, 1)]
    return Group(*parts)
