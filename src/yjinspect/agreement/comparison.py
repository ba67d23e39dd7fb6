"""Two assessments of the same cases, compared key question by key question.

Each unit is one case's answer to one key question from both assessors. "Not applicable" is
a category of its own (an assessor who finds a question not applicable where the other
answers it disagrees with them), so every table is 3 x 3 over `ANSWERS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from yjinspect.agreement.coefficients import AgreementStatistics, agreement_statistics
from yjinspect.errors import InputError
from yjinspect.frameworks.schema import RatedFramework
from yjinspect.results.loader import LoadedResults

ANSWERS = ("yes", "no", "n/a")
_INDEX = {answer: i for i, answer in enumerate(ANSWERS)}

CaseAnswers = Mapping[str, Mapping[str, str]]
"""Case reference -> key question id -> "yes" | "no" | "n/a"."""


@dataclass(frozen=True)
class Agreement:
    """Agreement between a first and a second assessor, at every level of the framework."""

    framework: RatedFramework
    cases_compared: tuple[str, ...]
    only_in_first: tuple[str, ...]
    only_in_second: tuple[str, ...]
    key_questions: dict[str, AgreementStatistics]  # in framework order
    standards: dict[str, AgreementStatistics]  # standards rated by key questions
    overall: AgreementStatistics

    def lowest_first(self) -> list[str]:
        """Key questions with pairs, lowest observed agreement first (framework order on ties):
        where the guidance or the assessors' reading of it most needs work."""
        order = {kq: i for i, kq in enumerate(self.key_questions)}
        paired = [kq for kq, stats in self.key_questions.items() if stats.units]
        return sorted(paired, key=lambda kq: (self.key_questions[kq].agreement.value, order[kq]))


def compare_answers(
    framework: RatedFramework, first: CaseAnswers, second: CaseAnswers
) -> Agreement:
    """Agreement over the cases both assessed; the rest are listed, not counted.

    A key question answered by one assessor and left blank by the other forms no pair.
    """
    both = tuple(case for case in first if case in second)
    tables: dict[str, NDArray[np.int64]] = {}
    standards: dict[str, list[str]] = {}
    for _, standard, question in framework.key_questions():
        tables[question.id] = np.zeros((len(ANSWERS), len(ANSWERS)), dtype=np.int64)
        standards.setdefault(standard.id, []).append(question.id)
    for case in both:
        for question, answer in first[case].items():
            other = second[case].get(question)
            if other is not None and question in tables:
                tables[question][_INDEX[answer], _INDEX[other]] += 1
    by_standard = {sid: sum(tables[kq] for kq in kqs) for sid, kqs in standards.items()}
    return Agreement(
        framework=framework,
        cases_compared=both,
        only_in_first=tuple(case for case in first if case not in second),
        only_in_second=tuple(case for case in second if case not in first),
        key_questions={kq: agreement_statistics(table) for kq, table in tables.items()},
        standards={sid: agreement_statistics(table) for sid, table in by_standard.items()},
        overall=agreement_statistics(sum(tables.values(), np.zeros((3, 3), dtype=np.int64))),
    )


def compare_results(first: LoadedResults, second: LoadedResults) -> Agreement:
    """Agreement between two results files of per-case answers under one framework.

    Raises `InputError` naming the file when the frameworks differ, when the framework has no
    key questions, or when a file holds no per-case answers (counts cannot be paired).
    """
    framework = first.framework
    if (second.framework.id, second.framework.version) != (framework.id, framework.version):
        raise InputError.single(
            second.source.path,
            f"is under {second.framework.id} (version {second.framework.version}), "
            f"{first.source.path} under {framework.id} (version {framework.version}): "
            "agreement compares answers to the same key questions",
            ("framework",),
        )
    if not isinstance(framework, RatedFramework) or not any(framework.key_questions()):
        raise InputError.single(
            first.source.path,
            f"{framework.id} has no key questions: agreement compares answers to key questions",
            ("framework",),
        )
    for loaded in (first, second):
        if not loaded.results.cases:
            raise InputError.single(
                loaded.source.path,
                "no case has its own answers here: agreement pairs each case's answers, and "
                "counts per key question cannot be paired",
                ("cases",),
            )
        if loaded.results.key_questions:
            raise InputError(
                loaded.source.path,
                [
                    loaded.source.problem(
                        ("key_questions",),
                        "counts per key question as well as cases: agreement pairs each case's "
                        "answers and would leave the counts out; give per-case answers only",
                    )
                ],
            )
    return compare_answers(framework, _answers(first), _answers(second))


def _answers(loaded: LoadedResults) -> dict[str, dict[str, str]]:
    return {case.id: dict(case.answers) for case in loaded.results.cases}
