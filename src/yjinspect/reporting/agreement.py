"""Agreement between two assessors as the documented JSON interface and as tables to read.

The JSON form is stable: proportions are numbers between 0 and 1 (coefficients between -1 and
1), null where undefined; each interval is `[low, high]` at 95%.
"""

from __future__ import annotations

from typing import Any

from yjinspect.agreement.coefficients import AgreementStatistics, Estimate
from yjinspect.agreement.comparison import ANSWERS, Agreement
from yjinspect.reporting.tables import Document, Table
from yjinspect.reporting.words import quantity

COEFFICIENTS = {
    "agreement": "Agreement",
    "cohen_kappa": "Cohen's kappa",
    "gwet_ac1": "Gwet's AC1",
    "pabak": "PABAK",
    "krippendorff_alpha": "Krippendorff's alpha",
}

PREVALENCE_NOTE = (
    "marks high agreement with a low or undefined kappa. Nearly every answer was the same "
    "(usually 'yes'), so kappa expects almost all agreement by chance and a few "
    "disagreements pull it down. AC1 and PABAK do not assume that, and stay close to the "
    "share of answers the assessors agreed on: read them for these questions."
)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _statistics(statistics: AgreementStatistics) -> dict[str, Any]:
    estimates: dict[str, Estimate] = {name: getattr(statistics, name) for name in COEFFICIENTS}
    return {
        "pairs": statistics.units,
        **{name: _round(e.value) for name, e in estimates.items()},
        "intervals": {
            name: None if e.interval is None else [_round(e.interval[0]), _round(e.interval[1])]
            for name, e in estimates.items()
        },
        "prevalence_paradox": statistics.prevalence_paradox,
    }


def agreement_to_dict(agreement: Agreement) -> dict[str, Any]:
    """`{framework, cases_compared, key_questions: [...], standards: [...], overall}` and the
    cases found in one file only."""
    framework = agreement.framework
    return {
        "framework": {"id": framework.id, "version": framework.version},
        "categories": list(ANSWERS),
        "cases_compared": len(agreement.cases_compared),
        "cases_only_in_first": list(agreement.only_in_first),
        "cases_only_in_second": list(agreement.only_in_second),
        "key_questions": [
            {"id": kq, **_statistics(stats)} for kq, stats in agreement.key_questions.items()
        ],
        "standards": [
            {"id": sid, **_statistics(stats)} for sid, stats in agreement.standards.items()
        ],
        "overall": _statistics(agreement.overall),
    }


def _cell(estimate: Estimate) -> str:
    if estimate.value is None:
        return "undefined"
    if estimate.interval is None:
        return f"{estimate.value:.2f}"
    low, high = estimate.interval
    return f"{estimate.value:.2f} ({low:.2f} to {high:.2f})"


def _row(name: str, statistics: AgreementStatistics) -> list[str]:
    mark = " †" if statistics.prevalence_paradox else ""
    return [
        name + mark,
        str(statistics.units),
        *(_cell(getattr(statistics, c)) for c in COEFFICIENTS),
    ]


def agreement_document(agreement: Agreement) -> Document:
    """The comparison for people: overall, standards, then key questions lowest first."""
    headers = ["", "Pairs", *COEFFICIENTS.values()]
    titles = {standard.id: standard.title for _, standard in agreement.framework.standards()}
    standards = [
        _row(f"{sid} {titles[sid]}", stats)
        for sid, stats in agreement.standards.items()
        if stats.units
    ]
    key_questions = [_row(kq, agreement.key_questions[kq]) for kq in agreement.lowest_first()]
    unpaired = sum(1 for stats in agreement.key_questions.values() if not stats.units)
    every = [agreement.overall, *agreement.standards.values(), *agreement.key_questions.values()]
    notes = ["Intervals are 95%. 'Not applicable' is an answer of its own: yes, no, n/a."]
    if any(stats.prevalence_paradox for stats in every):
        notes.append("† " + PREVALENCE_NOTE)
    lead = [
        f"{agreement.framework.title} (version {agreement.framework.version}): "
        f"{quantity(len(agreement.cases_compared), 'case')} assessed by both."
    ]
    for label, cases in (
        ("Only in the first file", agreement.only_in_first),
        ("Only in the second file", agreement.only_in_second),
    ):
        if cases:
            lead.append(f"{label}: {', '.join(cases)}.")
    if unpaired:
        lead.append(f"{quantity(unpaired, 'key question')} had no answer from both: left out.")
    return Document(
        title="Agreement between assessors",
        lead=lead,
        tables=[
            Table("Overall", headers, [_row("All key questions", agreement.overall)]),
            Table("By standard", headers, standards),
            Table("By key question, lowest agreement first", headers, key_questions, notes),
        ],
    )
