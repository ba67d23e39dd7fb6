"""The `yjinspect` command: a thin layer over the frameworks, results and ratings packages."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table as RichTable

from yjinspect.errors import InputError
from yjinspect.frameworks import bundled_frameworks, load_framework
from yjinspect.ratings import rate
from yjinspect.reporting.frameworks import framework_document, framework_to_dict
from yjinspect.reporting.ratings import rating_document, rating_to_dict
from yjinspect.reporting.tables import to_markdown, to_rich
from yjinspect.results import load_results

app = typer.Typer(
    help="Run an inspection of a youth justice service the way HM Inspectorate of Probation does.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
framework_app = typer.Typer(help="Inspect one framework.", no_args_is_help=True)
app.add_typer(framework_app, name="framework")


def _console() -> Console:
    """The terminal's width when there is one, and room for wide tables when piped."""
    probe = Console()
    return probe if probe.is_terminal else Console(width=160)


F = TypeVar("F", bound=Callable[..., Any])


def reports_input_errors(command: F) -> F:
    """Turn bad input into one message on stderr and exit status 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            typer.echo(f"error: {exc.describe()}", err=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


class RateFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


FrameworkOption = Annotated[
    str | None,
    typer.Option(
        "--framework",
        help="A bundled framework id or the path of a framework file; overrides the file's own.",
    ),
]


def _print_json(data: object) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@app.command("frameworks")
@reports_input_errors
def list_frameworks() -> None:
    """List the bundled frameworks."""
    table = RichTable("Id", "Title", "Version", "Kind", "In force from", "To")
    for framework in bundled_frameworks():
        end = framework.in_force.end
        table.add_row(
            framework.id,
            framework.title,
            framework.version,
            framework.kind,
            framework.in_force.start.isoformat(),
            end.isoformat() if end else "—",
        )
    _console().print(table)


@framework_app.command("show")
@reports_input_errors
def show_framework(
    framework: Annotated[str, typer.Argument(help="A bundled framework id or a file path.")],
    output: Annotated[ShowFormat, typer.Option("--format")] = ShowFormat.table,
) -> None:
    """Print one framework: its domains, standards, key questions, rules and provenance."""
    loaded = load_framework(framework)
    if output is ShowFormat.json:
        _print_json(framework_to_dict(loaded))
    else:
        _console().print(to_rich(framework_document(loaded)))


@app.command("rate")
@reports_input_errors
def rate_command(
    file: Annotated[Path, typer.Argument(help="A results file (YAML or JSON).")],
    framework: FrameworkOption = None,
    output: Annotated[RateFormat, typer.Option("--format")] = RateFormat.table,
) -> None:
    """Rate an inspection from its results file."""
    rating = rate(load_results(file, framework))
    if output is RateFormat.json:
        _print_json(rating_to_dict(rating))
    elif output is RateFormat.markdown:
        typer.echo(to_markdown(rating_document(rating)), nl=False)
    else:
        _console().print(to_rich(rating_document(rating)))


@app.command("validate")
@reports_input_errors
def validate_command(
    file: Annotated[Path, typer.Argument(help="A results file (YAML or JSON).")],
    framework: FrameworkOption = None,
) -> None:
    """Check a results file against its framework without rating it."""
    loaded = load_results(file, framework)
    cases = len(loaded.results.cases)
    typer.echo(f"{file}: valid against {loaded.framework.id} ({cases} case(s) with answers)")


def main() -> None:
    app()
