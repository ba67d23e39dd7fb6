"""The `yjinspect` command: a thin layer over the frameworks, results and ratings packages."""

from __future__ import annotations

import functools
import gc
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from yjinspect.errors import InputError
from yjinspect.files import write_atomic
from yjinspect.reporting.formats import NationalFormat, PressFormat, ReportFormat
from yjinspect.vocabulary import ISO_DATE_FORMAT, date_pattern

if TYPE_CHECKING:
    from rich.console import Console

    from yjinspect.sampling.profile import MappingProfile

# Each command imports what it uses in its body, so that `--help` loads no framework models,
# and `rate`, `validate` and `framework show` no matplotlib, Jinja, WeasyPrint, scipy or pandas.

app = typer.Typer(
    help="Run an inspection of a youth justice service the way HM Inspectorate of Probation does.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
framework_app = typer.Typer(help="Inspect one framework.", no_args_is_help=True)
app.add_typer(framework_app, name="framework")
population_app = typer.Typer(help="Check an eligible population export.", no_args_is_help=True)
app.add_typer(population_app, name="population")


def _console() -> Console:
    """The terminal's width when there is one, and room for wide tables when piped."""
    from rich.console import Console

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
            _refuse(exc)

    return wrapper  # type: ignore[return-value]


def _refuse(exc: InputError) -> NoReturn:
    typer.echo(f"error: {exc.describe()}", err=True)
    raise typer.Exit(2) from None


def date_option(name: str, help: str) -> Any:
    """A YYYY-MM-DD option, for every date the commands take: a value that is not one is
    refused as other bad input is, in one `error:` line naming the option (exit status 2)."""
    pattern = date_pattern(ISO_DATE_FORMAT)

    def parse(value: str) -> date:
        try:
            return datetime.strptime(value, ISO_DATE_FORMAT).date()
        except ValueError:
            # Well formed but not in the calendar (31 February), or not written as a date.
            shaped = re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value)
            problem = "not a real date" if shaped else "not a date"
            _refuse(InputError.single(name, f"{value} is {problem} (write {pattern})"))

    return typer.Option(name, parser=parse, metavar=pattern, help=help)


class ShowFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"


class RateFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class AgreementFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"


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
    from rich.table import Table as RichTable

    from yjinspect.frameworks import bundled_frameworks

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
    output: Annotated[
        ShowFormat,
        typer.Option(
            "--format",
            help="table; json (for display: adds provenance flags and the maximum score); "
            "yaml (a framework file that loads back, and uploads once given a new id).",
        ),
    ] = ShowFormat.table,
) -> None:
    """Print one framework: its domains, standards, key questions, rules and provenance."""
    from yjinspect.frameworks import load_framework
    from yjinspect.frameworks.dump import framework_yaml
    from yjinspect.reporting.frameworks import framework_document, framework_to_dict
    from yjinspect.reporting.tables import to_rich

    loaded = load_framework(framework)
    if output is ShowFormat.json:
        _print_json(framework_to_dict(loaded))
    elif output is ShowFormat.yaml:
        typer.echo(framework_yaml(loaded), nl=False)
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
    from yjinspect.ratings import rate
    from yjinspect.reporting.ratings import rating_document, rating_to_dict
    from yjinspect.reporting.tables import to_markdown, to_rich
    from yjinspect.results import load_results

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
    from yjinspect.reporting.words import quantity
    from yjinspect.results import load_results

    loaded = load_results(file, framework)
    cases = len(loaded.results.cases)
    with_answers = quantity(cases, "case")
    typer.echo(f"{file}: valid against {loaded.framework.id} ({with_answers} with answers)")


@app.command("agreement")
@reports_input_errors
def agreement_command(
    first: Annotated[Path, typer.Argument(help="The first assessor's results file.")],
    second: Annotated[Path, typer.Argument(help="The second assessor's, for the same cases.")],
    framework: FrameworkOption = None,
    output: Annotated[
        AgreementFormat,
        typer.Option(
            "--format",
            help="table, json or markdown; or the QA report as html, pdf or xlsx.",
        ),
    ] = AgreementFormat.table,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Where to write the QA report. Without it HTML goes to standard output, and "
            "a PDF or workbook next to FIRST as FIRST-agreement.pdf or .xlsx.",
        ),
    ] = None,
) -> None:
    """Compare two assessors' per-case answers: agreement, kappa, AC1, PABAK and alpha."""
    from yjinspect.agreement.comparison import compare_results
    from yjinspect.results import load_results

    loaded = load_results(first, framework), load_results(second, framework)
    if output in (AgreementFormat.html, AgreementFormat.pdf, AgreementFormat.xlsx):
        _emit(_quality_report(*loaded, output), out or _beside(first, output))
        return
    from yjinspect.reporting.agreement import agreement_document, agreement_to_dict
    from yjinspect.reporting.tables import to_markdown, to_rich

    agreement = compare_results(*loaded)
    if output is AgreementFormat.json:
        _print_json(agreement_to_dict(agreement))
    elif output is AgreementFormat.markdown:
        typer.echo(to_markdown(agreement_document(agreement)), nl=False)
    else:
        _console().print(to_rich(agreement_document(agreement)))


def _quality_report(first: Any, second: Any, output: AgreementFormat) -> bytes:
    from yjinspect.agreement.quality import quality_from_results
    from yjinspect.reporting.agreement import quality_html, quality_tables

    qa = quality_from_results(first, second)
    if output is AgreementFormat.xlsx:
        from yjinspect.reporting.exports import to_xlsx

        return to_xlsx(quality_tables(qa))
    html = quality_html(qa)
    if output is AgreementFormat.pdf:
        from yjinspect.reporting.render import html_to_pdf

        return html_to_pdf(html)
    return html.encode("utf-8")


def _beside(first: Path, output: AgreementFormat) -> Path | None:
    """A binary report goes next to the first file; HTML to standard output."""
    if output is AgreementFormat.html:
        return None
    return first.with_name(f"{first.stem}-agreement.{output.value}")


OutOption = Annotated[
    Path | None, typer.Option("--out", help="Where to write it; standard output if not given.")
]
SamplingReportOption = Annotated[
    Path | None,
    typer.Option(
        "--sampling-report",
        help="sampling-report.json from `yjinspect sample`, for the caseload profile.",
    ),
]


def _emit(data: bytes, out: Path | None) -> None:
    if out is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(out, data)
        typer.echo(f"wrote {out}", err=True)


@app.command("report")
@reports_input_errors
def report_command(
    file: Annotated[Path, typer.Argument(help="A results file (YAML or JSON).")],
    output: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            help="html, pdf, md or docx; without it, taken from --out's ending, else html.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Where to write it. Without it HTML and Markdown go to standard output, "
            "and a PDF or Word file goes next to FILE as FILE-report.pdf or .docx.",
        ),
    ] = None,
    framework: FrameworkOption = None,
    sampling_report: SamplingReportOption = None,
    compare: Annotated[
        list[Path] | None,
        typer.Option(
            "--compare",
            metavar="CSV|FILE",
            help="Core Case Inspection only: a CSV of published headline scores, or another "
            "inspection's results file, to compare with. Repeatable.",
        ),
    ] = None,
) -> None:
    """Write the inspection report as HTML, PDF, Markdown or Word."""
    from yjinspect.ratings import rate
    from yjinspect.reporting.report import build, comparisons_from, render_report
    from yjinspect.results import load_results

    output = _report_format(output, out)
    loaded = load_results(file, framework, sampling_report=sampling_report)
    others = comparisons_from(compare or [], loaded.framework)
    report = build(rate(loaded), loaded.results, others)
    if output.binary and out is None:
        out = file.with_name(f"{file.stem}-report.{output.value}")
    _emit(render_report(report, output), out)


def _report_format(given: ReportFormat | None, out: Path | None) -> ReportFormat:
    """The format asked for, else the one `--out`'s ending names, else HTML; an ending that
    names another format is refused, so a file never holds what its name does not say."""
    ending = out.suffix.lower().lstrip(".") if out is not None else ""
    named = {f.value: f for f in ReportFormat} | {
        "htm": ReportFormat.html,
        "markdown": ReportFormat.md,
    }
    implied = named.get(ending)
    if given is None:
        return implied or ReportFormat.html
    if implied is not None and implied is not given:
        raise InputError.single(
            out, f"ends in .{ending} but --format is {given.value}: change one of them"
        )
    return given


@app.command("press-release")
@reports_input_errors
def press_release_command(
    file: Annotated[Path, typer.Argument(help="A results file (YAML or JSON).")],
    output: Annotated[PressFormat, typer.Option("--format")] = PressFormat.md,
    out: OutOption = None,
    framework: FrameworkOption = None,
    sampling_report: SamplingReportOption = None,
    media_contact: Annotated[
        str | None,
        typer.Option("--media-contact", envvar="YJINSPECT_MEDIA_CONTACT", help="For the notes."),
    ] = None,
) -> None:
    """Draft the press release (rated frameworks): Markdown or plain text."""
    from yjinspect.ratings import rate
    from yjinspect.ratings.engine import InspectionRating
    from yjinspect.reporting.press import build_press_release, render_press_release
    from yjinspect.results import load_results

    loaded = load_results(file, framework, sampling_report=sampling_report)
    rating = rate(loaded)
    if not isinstance(rating, InspectionRating):
        raise InputError.single(file, "press releases are drafted for rated frameworks only")
    release = build_press_release(rating, loaded.results, media_contact)
    _emit(render_press_release(release, output).encode("utf-8"), out)
    counted = [s for s in rating.standards if s.standard.counted]
    unrated = [s.id for s in counted if not s.rating]
    if unrated:  # a draft can be written early, but nobody should publish it unknowingly
        typer.echo(
            f"note: {len(unrated)} of {len(counted)} counted standards are not yet rated "
            f"({', '.join(unrated)}): the release has no overall rating yet",
            err=True,
        )


ProfileOption = Annotated[
    Path | None,
    typer.Option("--profile", help="A mapping profile (YAML) for the export's columns and codes."),
]


def _profile(path: Path | None) -> MappingProfile:
    from yjinspect.sampling.profile import DEFAULT_PROFILE, load_profile

    return load_profile(path) if path is not None else DEFAULT_PROFILE


@population_app.command("check")
@reports_input_errors
def population_check(
    file: Annotated[Path, typer.Argument(help="The population export (CSV or XLSX).")],
    profile: ProfileOption = None,
) -> None:
    """Report what yjinspect understood of a population file, or every problem in it."""
    from yjinspect.reporting.sampling import population_document
    from yjinspect.reporting.tables import to_rich
    from yjinspect.sampling.population import read_population

    population = read_population(file, _profile(profile))
    _console().print(to_rich(population_document(population)))


@contextmanager
def _stages(total: int) -> Iterator[Callable[[str], None]]:
    """A progress bar on the terminal (silent when piped), advanced one stage at a time."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("starting", total=total)

        def stage(name: str) -> None:
            progress.update(task, description=name, advance=1)

        yield stage


@app.command("sample")
@reports_input_errors
def sample_command(
    population: Annotated[Path, typer.Argument(help="The eligible population export.")],
    fieldwork_start: Annotated[
        date, date_option("--fieldwork-start", "The first day of fieldwork.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for the sample and its report.")],
    seed: Annotated[
        int | None, typer.Option(min=0, max=2**32 - 1, help="Repeat a draw: same file, date, seed.")
    ] = None,
    profile: ProfileOption = None,
    size: Annotated[int | None, typer.Option(min=1, help="Sample this many cases.")] = None,
    reserve: Annotated[
        int | None, typer.Option(min=0, help="Reserve cases per stream (default: a quarter).")
    ] = None,
    framework: Annotated[
        str | None,
        typer.Option(
            help="Framework whose sampling rules apply (id or path); default: the bundled one "
            "in force on --fieldwork-start."
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace a sample already in --out.")] = False,
    service: Annotated[
        str | None,
        typer.Option(help="The service inspected, kept in the sampling report to match results."),
    ] = None,
) -> None:
    """Draw a balanced case sample and reserve list from the eligible population."""
    from yjinspect.frameworks import load_framework, sampling_framework_on
    from yjinspect.reporting.sampling import sampling_document, sampling_report
    from yjinspect.reporting.tables import to_rich
    from yjinspect.sampling.draw import draw_sample
    from yjinspect.sampling.outputs import existing_outputs, write_outputs
    from yjinspect.sampling.population import read_population

    if out.exists() and not out.is_dir():
        raise InputError.single(out, "is a file: --out names the folder for the sample")
    existing = existing_outputs(out)
    if existing and not force:
        raise InputError.single(
            out, f"already holds a sample ({', '.join(existing)}); use --force to replace it"
        )
    if framework is None:
        rules_from = sampling_framework_on(fieldwork_start)
    else:
        rules_from = load_framework(framework)
    if rules_from.sampling is None:
        raise InputError.single(rules_from.id, "has no sampling rules")
    with _stages(4) as stage:
        found = read_population(population, _profile(profile), progress=stage)
        stage("sampling")
        drawn = draw_sample(found, rules_from.sampling, fieldwork_start, seed, size, reserve)
        report = sampling_report(drawn, found.source, rules_from, service)
        stage("writing")
        written = write_outputs(out, drawn.sample, drawn.reserve, report)
    _console().print(to_rich(sampling_document(report)))
    typer.echo("Wrote " + ", ".join(str(path) for path in written))


@app.command("replace-case")
@reports_input_errors
def replace_case_command(
    folder: Annotated[Path, typer.Argument(help="The sample folder written by `sample`.")],
    case_ref: Annotated[str, typer.Argument(help="The sampled case that cannot be used.")],
    reason: Annotated[str, typer.Option(help="Why, e.g. 'transferred out', 'file unavailable'.")],
) -> None:
    """Replace a sampled case from the reserve list, keeping the balance; the reason is kept."""
    from yjinspect.sampling.outputs import replace_case

    record = replace_case(folder, case_ref, reason)
    typer.echo(f"{record['case_ref']} replaced by {record['replaced_by']}: {record['reason']}")


# --- the national picture (issue 19) -----------------------------------------------------------


@app.command("national")
@reports_input_errors
def national_command(
    sources: Annotated[
        list[Path],
        typer.Argument(help="Results files, folders of them, or CSVs of published results."),
    ],
    output: Annotated[
        NationalFormat,
        typer.Option(
            "--format", help="table, json, markdown or html; pdf, docx and xlsx need --out."
        ),
    ] = NationalFormat.table,
    out: OutOption = None,
    position: Annotated[
        Path | None,
        typer.Option("--position", help="A results file to place against the picture."),
    ] = None,
    framework: Annotated[
        str | None, typer.Option("--framework", help="Only inspections under this framework id.")
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="Only inspections published in this year.")
    ] = None,
    service_type: Annotated[
        str | None,
        typer.Option(
            "--service-type",
            help="Only services of this kind, where known (YOS, YOT and YJS are one kind).",
        ),
    ] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="Only services in this region, where known.")
    ] = None,
) -> None:
    """The national picture of many inspections' ratings, and one service's position in it."""
    from yjinspect.national import Filters, build_picture, position_of, read_sources
    from yjinspect.reporting.national import national_document, render_national
    from yjinspect.reporting.tables import to_rich

    if output.binary and out is None:
        raise InputError.single(
            "--out", f"--format {output.value} writes a file: name it with --out PATH"
        )
    national = read_sources(sources)
    filters = Filters(framework, year, service_type, region)
    picture = build_picture(national, filters)
    placed = position_of(national, filters, position) if position is not None else None
    if output is NationalFormat.table and out is None:
        _console().print(to_rich(national_document(picture, placed)))
        return
    _emit(render_national(picture, placed, output), out)


DataDirOption = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Folder for the SQLite database and static files."),
]


@app.command("demo")
@reports_input_errors
def demo_command(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    data_dir: DataDirOption = Path("yjinspect-demo"),
    serve: Annotated[bool, typer.Option(help="Serve after preparing the demo.")] = True,
) -> None:
    """Create a demo workspace (SQLite, demo data, one user per role) and serve it."""
    from yjinspect.web import runner

    server = runner.listen("127.0.0.1", port) if serve else None
    runner.setup(data_dir)
    runner.prepare()
    from yjinspect.web.workspace.demo import build_demo

    passwords = build_demo()
    typer.echo(f"Demo workspace in {data_dir}. Demo users (demo only; new passwords each run):")
    for name, password in passwords.items():
        typer.echo(f"  {name:<10} {password}")
    if server is not None:
        typer.echo(f"Serving on http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        runner.serve(server)


@app.command("serve")
@reports_input_errors
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    data_dir: DataDirOption = None,
) -> None:
    """Serve the workspace for real use (DATABASE_URL selects PostgreSQL)."""
    from yjinspect.web import runner

    server = runner.listen(host, port)
    runner.setup(data_dir, os.environ.get("DJANGO_SETTINGS_MODULE", "yjinspect.web.settings"))
    runner.prepare()
    typer.echo(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
    runner.serve(server)


@app.command("manage", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage_command(context: typer.Context, data_dir: DataDirOption = None) -> None:
    """Run a Django management command (createsuperuser, migrate, check --deploy, ...)."""
    from yjinspect.web import runner

    runner.setup(data_dir)
    runner.manage(list(context.args))


# --- Backup and restore of the workspace database (issue 13, item 15) ---
@app.command("backup")
@reports_input_errors
def backup_command(
    file: Annotated[Path, typer.Argument(help="The backup file to write (a new file).")],
    data_dir: DataDirOption = None,
) -> None:
    """Back up the workspace database, exactly (SQLite's online backup, or pg_dump)."""
    from yjinspect.web import runner

    runner.setup(data_dir)
    from yjinspect.web.backup import backup

    typer.echo(f"wrote {backup(file)}", err=True)


@app.command("restore")
@reports_input_errors
def restore_command(
    file: Annotated[Path, typer.Argument(help="A backup written by `yjinspect backup`.")],
    data_dir: DataDirOption = None,
    replace: Annotated[
        bool, typer.Option(help="Overwrite a workspace database that already holds data.")
    ] = False,
) -> None:
    """Restore the workspace database from a backup (stop `yjinspect serve` first)."""
    from yjinspect.web import runner

    runner.setup(data_dir)
    from django.conf import settings

    from yjinspect.web.backup import restore

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    restore(file, replace=replace)
    typer.echo(f"restored {file}", err=True)


def main() -> None:
    # yjinspect uses no pydantic plugin, and looking for them reads every installed package's
    # metadata at the first model (about 0.1 s of each command); set the variable to "" to look.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    finally:
        # The process ends next. Frozen, the objects it made are left to the operating system
        # instead of being traced once more by the collector at exit: a sixth of `rate`'s time.
        gc.freeze()


if __name__ == "__main__":
    main()
