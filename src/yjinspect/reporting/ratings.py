"""Ratings as the documented JSON interface and as tables for people to read."""

from __future__ import annotations

from typing import Any

from yjinspect.frameworks.schema import Framework
from yjinspect.ratings.engine import InspectionRating, Rating, ScoredInspection
from yjinspect.ratings.scores import Score
from yjinspect.ratings.standards import KeyQuestionResult, StandardRating
from yjinspect.reporting.tables import Document, Table
from yjinspect.reporting.words import rating_word
from yjinspect.results.schema import Inspection, Service


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _framework(framework: Framework) -> dict[str, Any]:
    return {
        "id": framework.id,
        "title": framework.title,
        "version": framework.version,
        "kind": framework.kind,
    }


def _context(service: Service, inspection: Inspection) -> dict[str, Any]:
    return {
        "service": service.model_dump(),
        "inspection": inspection.model_dump(mode="json"),
    }


def _key_question(result: KeyQuestionResult) -> dict[str, Any]:
    low, high = result.interval or (None, None)
    return {
        "id": result.id,
        "text": result.question.text,
        "percent": result.tally.percent,
        "yes": result.tally.yes,
        "no": result.tally.no,
        "not_applicable": result.tally.not_applicable,
        "ci_low": _percent(low),
        "ci_high": _percent(high),
        "band": result.band,
        "provenance": result.question.provenance_flag,
    }


def _standard(standard: StandardRating, footnotes: dict[str, int]) -> dict[str, Any]:
    record = standard.discretion
    headroom = standard.headroom
    return {
        "id": standard.id,
        "title": standard.standard.title,
        "domain": standard.domain.id,
        "rated_by": standard.standard.rated_by,
        "rating": standard.rating,
        "evidence_rating": standard.evidence_rating,
        "points": standard.points,
        "counted": standard.standard.counted,
        "provenance": standard.standard.provenance_flag,
        "deciding_key_question": standard.deciding.id if standard.deciding else None,
        "discretion": None
        if record is None
        else {
            "from": record.from_rating,
            "to": record.to_rating,
            "reason": record.reason,
            "key_question": record.key_question_id,
            "distance": round(float(record.distance), 2),
            "margin": float(record.margin),
            "forced": record.forced,
            "footnote": footnotes[standard.id],
        },
        "headroom": None
        if headroom is None
        else {
            "next_band": headroom.next_band,
            "yes_needed": headroom.yes_needed,
            "lower_band": headroom.lower_band,
            "yes_to_lose": headroom.yes_to_lose,
        },
        "key_questions": [_key_question(result) for result in standard.key_questions],
    }


def _score(score: Score) -> dict[str, Any]:
    tally = score.tally
    return {
        "id": score.id,
        "title": score.title,
        "score": tally.percent if tally else None,
        "comment": score.comment,
        "label": score.label,
        "sufficient": tally.yes if tally else None,
        "insufficient": tally.no if tally else None,
        "basis": score.basis,
        "provenance": score.provenance_flag,
    }


def rating_to_dict(rating: Rating) -> dict[str, Any]:
    """The stable JSON form of a rating (documented in the README)."""
    data: dict[str, Any] = {
        "framework": _framework(rating.framework),
        **_context(rating.service, rating.inspection),
    }
    if isinstance(rating, ScoredInspection):
        data["criteria"] = [_score(score) for score in rating.scores.criteria]
        data["sections"] = [_score(score) for score in rating.scores.sections]
        data["headlines"] = [_score(score) for score in rating.scores.headlines]
    else:
        footnotes = {record.standard_id: n for n, record in enumerate(rating.discretion, 1)}
        data["standards"] = [_standard(standard, footnotes) for standard in rating.standards]
        data["score"] = rating.overall.score
        data["max_score"] = rating.overall.max_score
        data["overall_rating"] = rating.overall.rating
        data["missing"] = list(rating.overall.missing)
        data["footnotes"] = [
            {
                "number": n,
                "standard": record.standard_id,
                "forced": record.forced,
                "text": record.footnote(),
            }
            for n, record in enumerate(rating.discretion, 1)
        ]
    data["assumptions"] = list(rating.assumptions)
    return data


# --- tables ------------------------------------------------------------------------------------


def _or_dash(value: object) -> str:
    return "—" if value is None else str(value)


def interval_text(result: KeyQuestionResult) -> str:
    """The 95% interval in whole percentages, or a dash when nothing applied."""
    if result.interval is None:
        return "—"
    low, high = result.interval
    return f"{low:.0f}–{high:.0f}%"


def _rated_document(rating: InspectionRating) -> Document:
    footnotes = {record.standard_id: n for n, record in enumerate(rating.discretion, 1)}
    overall = rating.overall
    if overall.rating is None:
        missing = list(overall.missing)
        standards = "counted standard" if len(missing) == 1 else "counted standards"
        verdict = f"No overall rating: no rating yet for {standards} " + ", ".join(missing)
    else:
        verdict = f"Overall rating: {overall.rating} ({overall.score} of {overall.max_score})"
    standards_rows = []
    for standard in rating.standards:
        mark = f" [{footnotes[standard.id]}]" if standard.id in footnotes else ""
        flags = []
        if not standard.standard.counted:
            flags.append("not counted")
        if standard.standard.provenance_flag:
            flags.append(standard.standard.provenance_flag)
        standards_rows.append(
            [
                standard.id,
                standard.standard.title,
                rating_word(standard, rating.framework.rules.not_rated) + mark,
                _or_dash(standard.points),
                "; ".join(flags),
            ]
        )
    tables = [
        Table("Standards", ["Standard", "Title", "Rating", "Points", "Notes"], standards_rows)
    ]
    kq_rows = []
    for standard in rating.standards:
        for result in standard.key_questions:
            tally = result.tally
            deciding = " (deciding)" if standard.deciding is result else ""
            kq_rows.append(
                [
                    result.id,
                    f"{tally.percent}%" if tally.percent is not None else "no result",
                    interval_text(result),
                    f"{tally.yes} / {tally.no} / {tally.not_applicable}",
                    _or_dash(result.band) + deciding,
                ]
            )
    if kq_rows:
        headroom_notes = [
            _headroom_note(standard) for standard in rating.standards if standard.headroom
        ]
        tables.append(
            Table(
                "Key questions",
                ["Key question", "% yes", "95% interval", "Yes / no / n.a.", "Band"],
                kq_rows,
                [note for note in headroom_notes if note],
            )
        )
    return Document(
        f"{rating.service.name}: {rating.framework.title}",
        [verdict],
        tables,
        [
            ("Professional discretion", [record.footnote() for record in rating.discretion]),
            ("Assumptions", rating.assumptions),
        ],
    )


def _headroom_note(standard: StandardRating) -> str:
    headroom = standard.headroom
    assert headroom is not None
    parts = []
    if headroom.next_band and headroom.yes_needed is not None:
        parts.append(f"{headroom.yes_needed} more yes for {headroom.next_band}")
    if headroom.lower_band and headroom.yes_to_lose is not None:
        parts.append(f"{headroom.yes_to_lose} fewer yes drops it to {headroom.lower_band}")
    if not parts:
        return ""
    return f"{standard.id} ({standard.evidence_rating} on the evidence): " + "; ".join(parts)


def _scored_document(rating: ScoredInspection) -> Document:
    def rows(scores: tuple[Score, ...]) -> list[list[str]]:
        return [
            [
                score.id,
                score.title,
                f"{score.tally.percent}%" if score.tally else "no result",
                score.label or "—",
                "; ".join(filter(None, [score.basis, score.provenance_flag])),
            ]
            for score in scores
        ]

    headers = ["Id", "Title", "Score", "Comment", "Notes"]
    return Document(
        f"{rating.service.name}: {rating.framework.title}",
        [],
        [
            Table("Headline scores", headers, rows(rating.scores.headlines)),
            Table("Sections", headers, rows(rating.scores.sections)),
            Table("General criteria", headers, rows(rating.scores.criteria)),
        ],
        [("Assumptions", rating.assumptions)],
    )


def rating_document(rating: Rating) -> Document:
    if isinstance(rating, ScoredInspection):
        return _scored_document(rating)
    return _rated_document(rating)
