"""The ratings engine's rules on arrays of counts: thousands of inspections rated at once.

The rules are the engine's (`ratings.standards.rate_standard`, `ratings.overall`): a key
question takes the best band whose lower edge its share of yes reaches; a standard rated by key
questions takes the band of its lowest; points are summed over counted standards and banded.
Edges are compared exactly in integers: yes / applicable >= p / q  <=>  100 q yes >= p applicable,
with the edge p / q the framework's `min_percent` as a fraction. Professional discretion is not
applied here: an inspection that asks for it is rated by the engine (`sources`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from yjinspect.frameworks.schema import RatedFramework
from yjinspect.national.model import NONE, question_ids, standard_ids


@dataclass(frozen=True)
class ArrayRatings:
    """Codes as in `RatedSet`: band indexes best first, -1 for none; scores in points."""

    key_questions: np.ndarray
    standards: np.ndarray
    overall: np.ndarray
    scores: np.ndarray


def band_codes(framework: RatedFramework, yes: np.ndarray, applicable: np.ndarray) -> np.ndarray:
    """Each key question's band index (0 best); -1 where nothing applied."""
    codes = np.full(yes.shape, NONE, np.int8)
    answered = applicable > 0
    yes64, applicable64 = yes.astype(np.int64), applicable.astype(np.int64)
    for index in reversed(range(len(framework.rules.bands))):
        edge = Fraction(framework.rules.bands[index].min_percent)
        reached = 100 * edge.denominator * yes64 >= edge.numerator * applicable64
        codes[reached & answered] = index
    return codes


def rate_arrays(
    framework: RatedFramework, yes: np.ndarray, applicable: np.ndarray, judgements: np.ndarray
) -> ArrayRatings:
    """Rate n inspections from counts.

    `yes`, `applicable`: integer [n, key questions in `model.question_ids` order];
    `judgements`: int8 [n, standards in framework order], the rating index of each standard
    rated by judgement and -1 where none (other columns are ignored).
    """
    questions = band_codes(framework, yes, applicable)
    column = {question: index for index, question in enumerate(question_ids(framework))}
    standards = np.full(judgements.shape, NONE, np.int8)
    for index, (_, standard) in enumerate(framework.standards()):
        if standard.rated_by == "judgement":
            standards[:, index] = judgements[:, index]
        elif standard.key_questions:
            columns = [column[question.id] for question in standard.key_questions]
            standards[:, index] = questions[:, columns].max(axis=1)  # the lowest band; -1 if none
    points = np.array([band.points for band in framework.rules.bands], np.int16)
    counted = np.array([s.counted for _, s in framework.standards()], bool)
    counted_codes = standards[:, counted]
    complete = (counted_codes >= 0).all(axis=1)
    scores = np.where(complete, points[np.maximum(counted_codes, 0)].sum(axis=1), NONE)
    overall = np.full(len(scores), NONE, np.int8)
    for index in reversed(range(len(framework.rules.overall_bands))):
        reached = complete & (scores >= framework.rules.overall_bands[index].min_score)
        overall[reached] = index
    return ArrayRatings(questions, standards, overall, scores.astype(np.int16))


def empty_judgements(framework: RatedFramework, n: int) -> np.ndarray:
    return np.full((n, len(standard_ids(framework))), NONE, np.int8)
