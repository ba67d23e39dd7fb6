"""Quality assurance over double-assessed cases: agreement overall and per assessor pair, and
each assessor's calibration against the team and against the agreed answers.

Plain data in, plain data out, so the workspace (from its database) and the command line (from
two results files) build the same QA report. Statistics come from `comparison.compare_answers`
and `coefficients.agreement_statistics`; nothing is computed a second way here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from yjinspect.agreement.coefficients import AgreementStatistics, agreement_statistics
from yjinspect.agreement.comparison import ANSWERS, Agreement, compare_answers, compare_results
from yjinspect.frameworks.schema import RatedFramework
from yjinspect.results.loader import LoadedResults

_INDEX = {answer: i for i, answer in enumerate(ANSWERS)}


@dataclass(frozen=True)
class Moderated:
    """One disagreement the moderator settled: both answers, the agreed one and why, who
    settled it and when (answers as "yes", "no", "n/a")."""

    key_question: str
    first: str
    second: str
    agreed: str
    reason: str
    by: str
    on: date


@dataclass(frozen=True)
class Views:
    """What the second assessor heard from one person: `who` in words ("The child"), whether
    they were reached (None: not recorded), and what they said."""

    who: str
    reached: bool | None
    said: str


@dataclass(frozen=True)
class DoubleAssessment:
    """One case assessed by two people: key question -> answer for each, and the agreed answers
    (the common answer, or the moderator's; a question left out is not settled); with the
    moderator's settled disagreements and the views gathered, where a workspace holds them."""

    case: str
    first_assessor: str
    second_assessor: str
    first: Mapping[str, str]
    second: Mapping[str, str]
    agreed: Mapping[str, str]
    moderated: tuple[Moderated, ...] = ()
    views: tuple[Views, ...] = ()


@dataclass(frozen=True)
class Calibration:
    """One assessor against the team, over the double-assessed cases.

    `yes` maps a key question to (the assessor's "yes" answers, their answers); `team_yes` the
    same for everyone's answers. `with_agreed` compares their answers with the agreed ones.
    """

    assessor: str
    cases: int
    yes: dict[str, tuple[int, int]]
    team_yes: dict[str, tuple[int, int]]
    with_agreed: AgreementStatistics


@dataclass(frozen=True)
class QualityAssurance:
    framework: RatedFramework
    overall: Agreement
    pairs: dict[tuple[str, str], Agreement]  # (first assessor, second assessor), sorted
    calibration: list[Calibration]  # by assessor
    unsettled: tuple[str, ...]  # cases with a disagreement not yet settled
    cases: tuple[DoubleAssessment, ...] = ()  # in the order given: their moderation and views
    # What it is about, in words: the inspection or audit and its dates, or the files compared.
    subject: str | None = None


def quality_assurance(
    framework: RatedFramework, cases: Sequence[DoubleAssessment], subject: str | None = None
) -> QualityAssurance:
    """Agreement over every double-assessed case and per pair of assessors, and calibration;
    `subject` says what they are from ("Deep-dive audit of ...: fieldwork 3 to 14 March")."""
    overall = compare_answers(
        framework, {c.case: c.first for c in cases}, {c.case: c.second for c in cases}
    )
    by_pair: dict[tuple[str, str], list[DoubleAssessment]] = {}
    for case in cases:
        by_pair.setdefault((case.first_assessor, case.second_assessor), []).append(case)
    pairs = {
        pair: compare_answers(
            framework, {c.case: c.first for c in group}, {c.case: c.second for c in group}
        )
        for pair, group in sorted(by_pair.items())
    }
    unsettled = tuple(
        c.case
        for c in cases
        if any(
            c.second.get(kq) != v and kq not in c.agreed
            for kq, v in c.first.items()
            if kq in c.second
        )
    )
    return QualityAssurance(
        framework, overall, pairs, _calibration(framework, cases), unsettled, tuple(cases), subject
    )


def _calibration(framework: RatedFramework, cases: Sequence[DoubleAssessment]) -> list[Calibration]:
    questions = [question.id for _, _, question in framework.key_questions()]
    given: dict[str, list[tuple[Mapping[str, str], Mapping[str, str]]]] = {}
    for case in cases:
        given.setdefault(case.first_assessor, []).append((case.first, case.agreed))
        given.setdefault(case.second_assessor, []).append((case.second, case.agreed))
    team_yes: Counter = Counter()
    team_all: Counter = Counter()
    for answers in (a for sheets in given.values() for a, _ in sheets):
        for kq, value in answers.items():
            team_all[kq] += 1
            team_yes[kq] += value == "yes"
    team = {kq: (team_yes[kq], team_all[kq]) for kq in questions if team_all[kq]}
    result = []
    for assessor, sheets in sorted(given.items()):
        yes: Counter = Counter()
        answered: Counter = Counter()
        table = np.zeros((len(ANSWERS), len(ANSWERS)), dtype=np.int64)
        for answers, agreed in sheets:
            for kq, value in answers.items():
                answered[kq] += 1
                yes[kq] += value == "yes"
                if kq in agreed:
                    table[_INDEX[value], _INDEX[agreed[kq]]] += 1
        result.append(
            Calibration(
                assessor,
                len(sheets),
                {kq: (yes[kq], answered[kq]) for kq in questions if answered[kq]},
                team,
                agreement_statistics(table),
            )
        )
    return result


def quality_from_results(first: LoadedResults, second: LoadedResults) -> QualityAssurance:
    """The QA report's data from two results files of per-case answers (`compare_results`
    checks them). The assessors are named by their files; with no moderator, the agreed answers
    are the common ones, so every difference is listed as unsettled. `overall` is the files'
    agreement, with the cases found in one file only."""
    agreement = compare_results(first, second)
    names = first.source.path.name, second.source.path.name
    answers = [{case.id: dict(case.answers) for case in f.results.cases} for f in (first, second)]
    cases = [
        DoubleAssessment(
            case,
            *names,
            answers[0][case],
            answers[1][case],
            {kq: v for kq, v in answers[0][case].items() if answers[1][case].get(kq) == v},
        )
        for case in agreement.cases_compared
    ]
    qa = quality_assurance(
        agreement.framework, cases, f"Results files compared: {names[0]} and {names[1]}."
    )
    # The files' agreement is the same comparison over the same cases, and it also lists the
    # cases found in one file only, which the report must say it left out.
    return replace(qa, overall=agreement)
