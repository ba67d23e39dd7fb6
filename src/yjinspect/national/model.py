"""Inspections under one framework held as integer codes, one row per inspection.

A rating is stored as its index in the framework's list of ratings, best first (0 is the best),
and -1 where there is none, so that counting thousands of inspections is array arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from yjinspect.frameworks.schema import RatedFramework

NONE = -1


@dataclass(frozen=True)
class About:
    """What is known of one inspection besides its ratings, and where it was read."""

    service: str
    published: date | None
    source: str
    line: int | None = None
    service_type: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class DataProblem:
    """Something in a source that was left out or repaired; the picture is built without it."""

    file: str
    line: int | None
    column: str | None
    message: str

    def describe(self) -> str:
        where = self.file + (f":{self.line}" if self.line is not None else "")
        return (
            f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


def standard_ids(framework: RatedFramework) -> list[str]:
    return [standard.id for _, standard in framework.standards()]


def question_ids(framework: RatedFramework) -> list[str]:
    """Key questions that rate their standard (a judged standard's questions are prompts)."""
    return [q.id for _, s, q in framework.key_questions() if s.rated_by == "key_questions"]


def overall_names(framework: RatedFramework) -> list[str]:
    """Overall ratings, best first, in the order of the framework's overall bands."""
    return [band.rating for band in framework.rules.overall_bands]


def lower_half(names: Sequence[str]) -> int:
    """Index of the first rating in the lower half of a scale: 'below Good' on HMI Probation's
    four-point scale is Requires improvement or Inadequate."""
    return len(names) // 2


@dataclass(frozen=True)
class RatedSet:
    """Inspections under one framework.

    `standards`: int8 [n, standards in framework order]; `overall`: int8 [n] (index in the
    overall bands); `scores`: int16 [n] points, -1 where unknown; `key_questions`: int8
    [n, key questions that rate a standard], each a band index, -1 where the source has none.
    """

    framework: RatedFramework
    about: tuple[About, ...]
    standards: np.ndarray
    overall: np.ndarray
    scores: np.ndarray
    key_questions: np.ndarray

    def __len__(self) -> int:
        return len(self.about)

    def has_rating(self) -> np.ndarray:
        """bool [n]: the inspection has a standard's rating, an overall rating or a score. One
        without any says nothing about a service and is never counted (`build_picture`)."""
        return (self.standards != NONE).any(axis=1) | (self.overall != NONE) | (self.scores != NONE)

    def select(self, mask: np.ndarray) -> RatedSet:
        return RatedSet(
            self.framework,
            tuple(about for about, keep in zip(self.about, mask, strict=True) if keep),
            self.standards[mask],
            self.overall[mask],
            self.scores[mask],
            self.key_questions[mask],
        )

    @classmethod
    def empty(cls, framework: RatedFramework) -> RatedSet:
        return cls(
            framework,
            (),
            np.full((0, len(standard_ids(framework))), NONE, np.int8),
            np.full(0, NONE, np.int8),
            np.full(0, NONE, np.int16),
            np.full((0, len(question_ids(framework))), NONE, np.int8),
        )

    @classmethod
    def from_records(
        cls, framework: RatedFramework, records: Sequence[tuple[About, Sequence[int], int, int]]
    ) -> RatedSet:
        """Inspections read row by row from a CSV: (about, standard codes, overall, score)."""
        return cls.from_rows(
            framework,
            [record[0] for record in records],
            [record[1] for record in records],
            [record[2] for record in records],
            [record[3] for record in records],
        )

    @classmethod
    def from_rows(
        cls,
        framework: RatedFramework,
        about: Sequence[About],
        standards: Sequence[Sequence[int]],
        overall: Sequence[int],
        scores: Sequence[int],
    ) -> RatedSet:
        """Inspections whose sources carry no key question results."""
        if not about:
            return cls.empty(framework)
        return cls(
            framework,
            tuple(about),
            np.array(standards, np.int8).reshape(len(about), len(standard_ids(framework))),
            np.array(overall, np.int8),
            np.array(scores, np.int16),
            np.full((len(about), len(question_ids(framework))), NONE, np.int8),
        )

    @classmethod
    def concat(cls, framework: RatedFramework, parts: Sequence[RatedSet]) -> RatedSet:
        if not parts:
            return cls.empty(framework)
        return cls(
            framework,
            tuple(about for part in parts for about in part.about),
            np.concatenate([part.standards for part in parts]),
            np.concatenate([part.overall for part in parts]),
            np.concatenate([part.scores for part in parts]),
            np.concatenate([part.key_questions for part in parts]),
        )


def rating_index(cell: str, names: Sequence[str]) -> int | None:
    """The index of the rating a cell names, ignoring case and spaces ('Requires Improvement',
    'Inadeq uate'); None when it names none."""
    wanted = "".join(cell.split()).casefold()
    folded = ["".join(name.split()).casefold() for name in names]
    return folded.index(wanted) if wanted in folded else None
