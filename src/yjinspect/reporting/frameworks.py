"""A framework as JSON and as tables, with every provenance flag shown."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from yjinspect.frameworks.dump import plain
from yjinspect.frameworks.schema import Framework, RatedFramework, ScoredFramework
from yjinspect.reporting.tables import Document, Table


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        data = {
            (info.alias or name): _plain(getattr(value, name))
            for name, info in type(value).model_fields.items()
        }
        if hasattr(value, "provenance_flag"):
            data["provenance_flag"] = value.provenance_flag
        return data
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return plain(value)


def framework_to_dict(framework: Framework) -> dict[str, Any]:
    """Every domain, standard and question with its text, method and provenance."""
    data = _plain(framework)
    if isinstance(framework, RatedFramework):
        data["max_score"] = framework.max_score
    return data


def framework_summary(framework: Framework) -> list[str]:
    in_force = framework.in_force
    until = in_force.end.isoformat() if in_force.end else "—"
    return [
        f"{framework.id}: {framework.title}, version {framework.version} ({framework.kind})",
        f"Publisher: {framework.publisher}. In force: {in_force.start.isoformat()} to {until}.",
        *([f"Dates: {in_force.note}"] if in_force.note else []),
        "Sources: " + "; ".join(source.document for source in framework.sources),
    ]


def _text(title: str, text: str | None) -> str:
    return f"{title}: {text}" if text else title


def framework_document(framework: Framework) -> Document:
    tables = []
    if isinstance(framework, RatedFramework):
        headers = ["Id", "Standard or key question", "Rated by", "Counted", "Provenance"]
        for domain in framework.domains:
            rows = []
            for standard in domain.standards:
                rows.append(
                    [
                        standard.id,
                        _text(standard.title, standard.description),
                        standard.rated_by.replace("_", " "),
                        "yes" if standard.counted else "no (rated separately)",
                        standard.provenance_flag or "",
                    ]
                )
                rows += [
                    [q.id, q.text or "", "", "", q.provenance_flag or ""]
                    for q in standard.key_questions
                ]
            stream = (
                f" ({domain.case_stream.replace('_', '-')} cases)" if domain.case_stream else ""
            )
            tables.append(Table(f"Domain {domain.id}: {domain.title}{stream}", headers, rows))
        rules = framework.rules
        band_rows = [[b.rating, f"{b.min_percent}%", str(b.points)] for b in rules.bands]
        overall = [f"{b.rating} from {b.min_score}" for b in rules.overall_bands]
        tables.append(
            Table(
                "Rating rules",
                ["Rating", "Lowest key question from", "Points"],
                band_rows,
                [
                    f"Overall (0 to {framework.max_score}): " + ", ".join(overall),
                    f"Professional discretion margin: {rules.discretion_margin} points",
                ],
            )
        )
    else:
        tables += _scored_tables(framework)
    notes = [f"{'ASSUMPTION: ' if n.assumption else ''}{n.text}" for n in framework.notes]
    rules_note = ("ASSUMPTION: " if framework.rules.assumption else "") + framework.rules.basis
    return Document(
        framework.title, framework_summary(framework), tables, [("Notes", [*notes, rules_note])]
    )


def _scored_tables(framework: ScoredFramework) -> list[Table]:
    headers = ["Id", "Criterion or question", "Headlines", "Provenance"]
    tables = []
    for section in framework.sections:
        rows = []
        for criterion in section.criteria:
            rows.append(
                [
                    criterion.id,
                    _text(criterion.title, criterion.text),
                    "",
                    criterion.provenance_flag or "",
                ]
            )
            rows += [
                [q.id, q.text, ", ".join(q.headlines), q.provenance_flag or ""]
                for q in criterion.questions
            ]
        tables.append(Table(f"Section {section.id}: {section.title}", headers, rows))
    tables.append(
        Table(
            "Comment bands",
            ["Comment", "Score from"],
            [[b.label, f"{b.min_percent}%"] for b in framework.rules.comment_bands],
        )
    )
    return tables
