"""The sampling report: what was eligible, what was excluded, the size rule and the balance."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from yjinspect.frameworks import load_framework
from yjinspect.frameworks.schema import Framework
from yjinspect.reporting.tables import Document, Table
from yjinspect.reporting.words import column_label, label, long_date
from yjinspect.sampling.caseload import caseload_profile
from yjinspect.sampling.draw import CaseSample
from yjinspect.sampling.population import Population, SourceInfo


def sampling_report(
    case_sample: CaseSample, source: SourceInfo, framework: Framework, service: str | None = None
) -> dict:
    """The JSON form written to sampling-report.json (documented in the README). `service`,
    when given, lets `--sampling-report` refuse the report for another service's results."""
    eligibility, size = case_sample.eligibility, case_sample.size
    streams = [window.stream for window in eligibility.windows]
    return {
        "framework": framework.id,
        **({"service": service} if service else {}),
        "population": {
            "file": source.path.name,
            "format": source.format,
            "encoding": source.encoding,
            "delimiter": source.delimiter,
        },
        "fieldwork_start": eligibility.fieldwork_start.isoformat(),
        "seed": case_sample.seed,
        "windows": {
            w.stream: {"from": w.earliest.isoformat(), "to": w.latest.isoformat()}
            for w in eligibility.windows
        },
        "eligible": {stream: eligibility.count(stream) for stream in streams},
        "excluded": [{"reason": e.reason, "count": e.count} for e in eligibility.excluded],
        "caseload": caseload_profile(eligibility.cases),
        "size": {
            "total": size.total,
            **size.by_stream,
            "method": size.method,
            "assumptions": list(size.assumptions),
        },
        "stratify_by": list(case_sample.stratify_by),
        "balance": [
            {
                "stream": row.stream,
                "variable": row.variable,
                "value": row.value,
                "population": row.population,
                "target": row.target,
                "achieved": row.achieved,
            }
            for row in case_sample.balance
        ],
        "reserve": {
            stream: int((case_sample.reserve["stream"] == stream).sum()) for stream in streams
        },
        "replacements": [],
    }


def _label(stream: str) -> str:
    return stream.replace("_", "-")


def _day(iso: str) -> str:
    """'2018-12-06' as '6 December 2018'."""
    return str(long_date(date.fromisoformat(iso)))


def _moment(iso: str) -> str:
    at = datetime.fromisoformat(iso)
    return f"{long_date(at.date())} {at:%H:%M}"


def sampling_document(report: dict[str, Any]) -> Document:
    """The report as tables: for the terminal and for sampling-report.md."""
    size = report["size"]
    streams = list(report["eligible"])
    lead = [
        f"Fieldwork starts {_day(report['fieldwork_start'])}; "
        f"framework: {load_framework(report['framework']).title}; "
        f"seed {report['seed']} (the same file, date and seed give the same sample).",
        f"Sample: {size['total']} cases ("
        + ", ".join(f"{size[s]} {_label(s)}" for s in streams)
        + f"). Size rule: {size['method']}.",
    ]
    windows = Table(
        "Eligible cases",
        ["Stream", "Disposals from", "to", "Eligible", "Sampled", "Reserve"],
        [
            [
                _label(stream),
                _day(report["windows"][stream]["from"]),
                _day(report["windows"][stream]["to"]),
                str(report["eligible"][stream]),
                str(size[stream]),
                str(report["reserve"][stream]),
            ]
            for stream in streams
        ],
    )
    excluded = Table(
        "Excluded",
        ["Reason", "Cases"],
        [[e["reason"], str(e["count"])] for e in report["excluded"]],
    )
    balance = Table(
        "Balance",
        ["Stream", "Variable", "Value", "Eligible", "Target", "Sampled"],
        [
            [
                _label(row["stream"]),
                column_label(row["variable"]).capitalize(),
                label(row["value"]),
                str(row["population"]),
                f"{row['target']:.2f}",
                str(row["achieved"]),
            ]
            for row in report["balance"]
        ],
    )
    tables = [windows, excluded, balance]
    if report["replacements"]:
        tables.append(
            Table(
                "Replacements",
                ["Case", "Replaced by", "Reason", "When"],
                [
                    [r["case_ref"], r["replaced_by"], r["reason"], _moment(r["at"])]
                    for r in report["replacements"]
                ],
            )
        )
    return Document("Sampling report", lead, tables, [("Assumptions", size["assumptions"])])


def population_document(population: Population) -> Document:
    """What the importer understood of a population file, for `population check`."""
    source, frame = population.source, population.frame
    how = f"{source.format.upper()}"
    if source.encoding:
        how += f", encoding {source.encoding}, delimiter {source.delimiter!r}"
    if source.sheet:
        how += f", sheet '{source.sheet}'"
    lead = [f"{source.path.name}: {len(frame)} cases, all valid ({how})."]
    if len(frame):
        dates = frame["disposal_date"]
        lead.append(
            f"Disposals from {dates.min().date().isoformat()} to {dates.max().date().isoformat()};"
            f" ages {int(frame['age'].min())} to {int(frame['age'].max())}."
        )
    columns = Table(
        "Columns",
        ["Canonical column", "Read from"],
        [[canonical, export] for canonical, export in source.columns.items()],
        [
            *([f"Ignored (not read): {', '.join(source.ignored)}"] if source.ignored else []),
            *([f"Dropped by the profile: {', '.join(source.dropped)}"] if source.dropped else []),
        ],
    )
    values = []
    for column in ("stream", "disposal_type", "gender", "rosh", "safety_wellbeing", "looked_after"):
        if column in frame:
            counts = frame[column].value_counts()
            values += [[column, str(v), str(int(c))] for v, c in counts.items() if c]
    return Document(
        "Population check", lead, [columns, Table("Values", ["Column", "Value", "Cases"], values)]
    )
