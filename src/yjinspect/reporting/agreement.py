"""Agreement between two assessors as the documented JSON interface and as tables to read.

The JSON form is stable: proportions are numbers between 0 and 1 (coefficients between -1 and
1), null where undefined; each interval is `[low, high]` at 95%. In words (pages, reports, the
command line) every figure goes through `figure_words`, one rounding rule for all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from yjinspect.agreement.coefficients import AgreementStatistics, Estimate
from yjinspect.agreement.comparison import ANSWERS, Agreement
from yjinspect.agreement.quality import QualityAssurance
from yjinspect.reporting.exports import DataTable
from yjinspect.reporting.tables import Document, Table
from yjinspect.reporting.words import long_date, quantity
from yjinspect.results.tally import whole_percent

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


# Fewer pairs than this give an interval too wide or too unstable to print (a t interval on
# n - 1 degrees of freedom; a zero-width one from a handful of identical answers is no certainty).
MIN_PAIRS_FOR_INTERVAL = 10


def two_places(value: float) -> str:
    """A coefficient in words: two places, half up on its decimal value ("0.625" -> "0.63",
    "-0.625" -> "-0.63"), as Django's floatformat does; float rounding (half-even on the binary
    value) would print 0.62. The value is first read to 12 places, so float noise such as
    0.6249999999999999 counts as the 0.625 it stands for."""
    rounded = Decimal(f"{value:.12f}").quantize(Decimal("0.01"), ROUND_HALF_UP)
    return str(rounded + 0)  # + 0 turns -0.00 into 0.00


def estimate_words(estimate: Estimate, pairs: int) -> tuple[str | None, str | None]:
    """(figure, interval) in words; figure None where undefined. The interval is "0.41 to
    0.88", or "interval not computed: 8 pairs" where there are fewer than
    `MIN_PAIRS_FOR_INTERVAL` pairs or it has no width; None where the figure is undefined."""
    if estimate.value is None:
        return None, None
    figure = two_places(estimate.value)
    interval = _shown_interval(estimate, pairs)
    if interval is None:
        return figure, f"interval not computed: {quantity(pairs, 'pair')}"
    return figure, f"{two_places(interval[0])} to {two_places(interval[1])}"


def _shown_interval(estimate: Estimate, pairs: int) -> tuple[float, float] | None:
    interval = estimate.interval
    if interval is None or pairs < MIN_PAIRS_FOR_INTERVAL or interval[1] <= interval[0]:
        return None
    return interval


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


def one_file_only(agreement: Agreement) -> list[tuple[str, tuple[str, ...]]]:
    """[("first", cases), ("second", cases)] for the files with cases the other lacks: left
    out of every figure, and said in every form of the report."""
    found = (("first", agreement.only_in_first), ("second", agreement.only_in_second))
    return [(which, cases) for which, cases in found if cases]


def _cell(estimate: Estimate, pairs: int) -> str:
    """The figure and its interval; the figure alone where the interval is not computed (the
    table's note says so once, `_interval_note`)."""
    figure, interval = estimate_words(estimate, pairs)
    if figure is None:
        return "undefined"
    return f"{figure} ({interval})" if _shown_interval(estimate, pairs) else figure


def _interval_note(
    every: Iterable[AgreementStatistics], coefficients: Iterable[str] = COEFFICIENTS
) -> list[str]:
    """The note under a table whose figures (of `coefficients`) include some without an
    interval, naming their numbers of pairs once: "3 pairs", "3 or 9 pairs"."""
    names = tuple(coefficients)
    counts = sorted(
        {
            stats.units
            for stats in every
            for name in names
            if getattr(stats, name).value is not None
            and _shown_interval(getattr(stats, name), stats.units) is None
        }
    )
    if not counts:
        return []
    *first, last = map(str, counts)
    numbers = f"{', '.join(first)} or {last}" if first else last
    pairs = "pair" if counts == [1] else "pairs"
    return [
        f"A figure without an interval: interval not computed: {numbers} {pairs} (fewer than "
        f"{MIN_PAIRS_FOR_INTERVAL} pairs, or an interval of no width, give no certainty)."
    ]


def _row(name: str, statistics: AgreementStatistics) -> list[str]:
    mark = " †" if statistics.prevalence_paradox else ""
    return [
        name + mark,
        str(statistics.units),
        *(_cell(getattr(statistics, c), statistics.units) for c in COEFFICIENTS),
    ]


def agreement_document(agreement: Agreement) -> Document:
    """The comparison for people: overall, standards, then key questions lowest first."""
    headers = ["", "Pairs", *COEFFICIENTS.values()]
    titles = {standard.id: standard.title for _, standard in agreement.framework.standards()}
    standards = {sid: stats for sid, stats in agreement.standards.items() if stats.units}
    lowest = [agreement.key_questions[kq] for kq in agreement.lowest_first()]
    unpaired = sum(1 for stats in agreement.key_questions.values() if not stats.units)
    every = [agreement.overall, *agreement.standards.values(), *agreement.key_questions.values()]
    notes = ["Intervals are 95%. 'Not applicable' is an answer of its own: yes, no, n/a."]
    notes += _interval_note(lowest)
    if any(stats.prevalence_paradox for stats in every):
        notes.append("† " + PREVALENCE_NOTE)
    lead = [
        f"{agreement.framework.title} (version {agreement.framework.version}): "
        f"{quantity(len(agreement.cases_compared), 'case')} assessed by both."
    ]
    for which, cases in one_file_only(agreement):
        lead.append(f"Only in the {which} file: {', '.join(cases)}.")
    if unpaired:
        lead.append(f"{quantity(unpaired, 'key question')} had no answer from both: left out.")
    return Document(
        title="Agreement between assessors",
        lead=lead,
        tables=[
            Table(
                "Overall",
                headers,
                [_row("All key questions", agreement.overall)],
                _interval_note([agreement.overall]),
            ),
            Table(
                "By standard",
                headers,
                [_row(f"{sid} {titles[sid]}", stats) for sid, stats in standards.items()],
                _interval_note(standards.values()),
            ),
            Table(
                "By key question, lowest agreement first",
                headers,
                [_row(kq, agreement.key_questions[kq]) for kq in agreement.lowest_first()],
                notes,
            ),
        ],
    )


NOT_APPLICABLE_NOTE = (
    "'Not applicable' is an answer of its own: one assessor finding a question not applicable "
    "where the other answered it is a disagreement. Every comparison is over yes, no and n/a."
)


def yes_share(yes: int, answered: int) -> str:
    """ "80% (16 of 20)": the share of answers that were yes."""
    return f"{whole_percent(yes, answered)}% ({yes} of {answered})" if answered else "none"


def quality_document(qa: QualityAssurance) -> Document:
    """The QA report for people: the agreement tables, each pair of assessors, calibration,
    and per case the moderator's reasons and the views of the child and parent or carer."""
    base = agreement_document(qa.overall)
    headers = ["", "Cases", "Pairs", *COEFFICIENTS.values()]
    pairs = [
        [f"{first} and {second}", str(len(a.cases_compared)), *_row("", a.overall)[1:]]
        for (first, second), a in qa.pairs.items()
    ]
    with_agreed = [
        [
            c.assessor,
            str(c.cases),
            *_row("", c.with_agreed)[1:3],
            _cell(c.with_agreed.cohen_kappa, c.with_agreed.units),
        ]
        for c in qa.calibration
    ]
    shares = [
        Table(
            f"Calibration of {c.assessor}: share of 'yes' by key question",
            ["Key question", c.assessor, "Team"],
            [[kq, yes_share(*found), yes_share(*c.team_yes[kq])] for kq, found in c.yes.items()],
        )
        for c in qa.calibration
    ]
    lead = [*([qa.subject] if qa.subject else []), *base.lead, NOT_APPLICABLE_NOTE]
    if qa.unsettled:
        lead.append(
            f"Disagreements not yet settled by the moderator: {', '.join(qa.unsettled)}. "
            "Agreement with the agreed answers leaves them out."
        )
    return Document(
        title="Quality assurance: agreement between assessors",
        lead=lead,
        tables=[
            *base.tables,
            Table(
                "By pair of assessors (first and second)",
                headers,
                pairs,
                _interval_note(a.overall for a in qa.pairs.values()),
            ),
            Table(
                "Each assessor against the agreed answers",
                ["Assessor", "Cases", "Pairs", "Agreement", "Cohen's kappa"],
                with_agreed,
                [
                    "The agreed answer is the common answer, or the moderator's where they "
                    "differed.",
                    *_interval_note(
                        (c.with_agreed for c in qa.calibration), ("agreement", "cohen_kappa")
                    ),
                ],
            ),
            *shares,
            *_case_tables(qa),
        ],
    )


_WORDS = {"yes": "Yes", "no": "No", "n/a": "Not applicable"}
_REACHED = {True: "Yes", False: "No", None: "Not recorded"}


def _case_tables(qa: QualityAssurance) -> list[Table]:
    """Per case, the moderator's reasons and the views gathered, where there are any (results
    files compared on the command line carry neither)."""
    tables = []
    if moderated := moderation_rows(qa):
        tables.append(
            Table(
                "Moderated disagreements",
                ["Case", "Key question", "First", "Second", "Agreed", "Reason", "Settled by"],
                [
                    [
                        case,
                        kq,
                        *(_WORDS.get(v, "Not answered") for v in (one, two, agreed)),
                        reason,
                        f"{by}, {long_date(on)}",
                    ]
                    for case, kq, one, two, agreed, reason, by, on in moderated
                ],
                [
                    "The moderator's answer to each key question the assessors answered "
                    "differently, and why."
                ],
            )
        )
    if heard := views_rows(qa):
        tables.append(
            Table(
                "Views of the child and of the parent or carer",
                ["Case", "Whose views", "Reached", "What they said"],
                [[case, who, reached.capitalize(), said] for case, who, reached, said in heard],
                ["Gathered by the second assessor."],
            )
        )
    return tables


def moderation_rows(qa: QualityAssurance) -> list[tuple[str, str, str, str, str, str, str, Any]]:
    """(case, key question, first, second, agreed, reason, settled by, date settled) for every
    settled disagreement, in case order then framework order."""
    order = {q.id: i for i, (_, _, q) in enumerate(qa.framework.key_questions())}
    return [
        (c.case, m.key_question, m.first, m.second, m.agreed, m.reason, m.by, m.on)
        for c in qa.cases
        for m in sorted(c.moderated, key=lambda m: order.get(m.key_question, len(order)))
    ]


def views_rows(qa: QualityAssurance) -> list[tuple[str, str, str, str]]:
    """(case, whose views, "yes" / "no" / "not recorded", what they said) for every case's
    views that were recorded."""
    return [
        (c.case, v.who, _REACHED[v.reached].lower(), v.said)
        for c in qa.cases
        for v in c.views
        if v.reached is not None or v.said
    ]


def _numbers(level: str, name: str, statistics: AgreementStatistics) -> tuple:
    cells: list[float | int | str | None] = [level, name, statistics.units]
    for coefficient in COEFFICIENTS:
        estimate: Estimate = getattr(statistics, coefficient)
        low, high = estimate.interval or (None, None)
        cells += [_round(estimate.value), _round(low), _round(high)]
    return (*cells, statistics.prevalence_paradox)


def quality_tables(qa: QualityAssurance) -> list[DataTable]:
    """The QA report's figures as typed tables (for XLSX): proportions between 0 and 1; and
    `cases_in_one_file` (case, "first" or "second") where the files compared differ in cases."""
    columns = (
        "level",
        "id",
        "pairs",
        *(f"{c}{end}" for c in COEFFICIENTS for end in ("", "_low", "_high")),
        "prevalence_paradox",
    )
    rows = [_numbers("overall", "all key questions", qa.overall.overall)]
    rows += [_numbers("standard", sid, s) for sid, s in qa.overall.standards.items()]
    rows += [
        _numbers("key question", kq, qa.overall.key_questions[kq])
        for kq in qa.overall.lowest_first()
    ]
    rows += [_numbers("assessor pair", f"{a} and {b}", g.overall) for (a, b), g in qa.pairs.items()]
    rows += [_numbers("assessor vs agreed", c.assessor, c.with_agreed) for c in qa.calibration]
    calibration = tuple(
        (c.assessor, kq, yes, answered, *c.team_yes[kq])
        for c in qa.calibration
        for kq, (yes, answered) in c.yes.items()
    )
    # Only results files compared on the command line can hold a case the other lacks.
    one_file = tuple((case, which) for which, cases in one_file_only(qa.overall) for case in cases)
    return [
        DataTable("agreement", columns, tuple(rows)),
        DataTable(
            "calibration",
            ("assessor", "key_question", "yes", "answered", "team_yes", "team_answered"),
            calibration,
        ),
        DataTable("unsettled", ("case",), tuple((case,) for case in qa.unsettled)),
        DataTable(
            "moderation",
            (
                "case",
                "key_question",
                "first",
                "second",
                "agreed",
                "reason",
                "settled_by",
                "settled_on",
            ),
            tuple(moderation_rows(qa)),
        ),
        DataTable(
            "views",
            ("case", "whose_views", "reached", "what_they_said"),
            tuple(views_rows(qa)),
        ),
        *([DataTable("cases_in_one_file", ("case", "only_in"), one_file)] if one_file else []),
    ]


def quality_html(qa: QualityAssurance) -> str:
    """A self-contained page (styles inline) that prints and converts to PDF."""
    from yjinspect.reporting.national import Figure
    from yjinspect.reporting.render import render, stylesheet

    document = quality_document(qa)
    figures = [Figure(table, None) for table in document.tables]
    return render("document.html.j2", document=document, figures=figures, css=stylesheet())
