"""The press release draft: facts generated from the rating, quotes only as the lead wrote them."""

from __future__ import annotations

from dataclasses import dataclass
from textwrap import fill

from yjinspect.ratings.engine import InspectionRating
from yjinspect.reporting.escape import plain_text
from yjinspect.reporting.formats import PressFormat
from yjinspect.reporting.inspection import band_of, group_recommendations
from yjinspect.reporting.render import render
from yjinspect.reporting.words import (
    join_words,
    label,
    long_date,
    month,
    number_word,
    quantity,
    rating_word,
)
from yjinspect.results.schema import ResultsFile
from yjinspect.vocabulary import AGE_RANGE

MISSING_QUOTE = "[No quote has been entered yet: the lead inspector writes the quotes.]"
PROFILE_FACTS = (("age", "aged {}"), ("gender", "{}"), ("ethnicity", "{}"))


@dataclass(frozen=True)
class PressRelease:
    headline: str
    paragraphs: tuple[str, ...]
    quotes: tuple[tuple[str, str], ...]  # speaker, words
    notes: tuple[str, ...]


def _quoted(rating: str) -> str:
    return f"‘{rating}’"


def _standards_of_note(rating: InspectionRating) -> list[str]:
    """The best-rated standards, and any rated in the lower half of the scale."""
    framework = rating.framework
    bands = len(framework.rating_names)
    rated = [(s, band_of(framework, s.rating)) for s in rating.standards if s.standard.counted]
    top = [s.standard.title.lower() for s, band in rated if band == 1]
    low: dict[str, list[str]] = {}
    for standard, band in rated:
        if band is not None and band > bands // 2:
            low.setdefault(standard.rating or "", []).append(standard.standard.title.lower())
    lines = []
    if top:
        counted = len(rated)
        best = framework.rating_names[0]
        lines.append(
            f"Inspectors rated {number_word(len(top))} of the {number_word(counted)} standards "
            f"{_quoted(best)}, including {join_words(top[:3])}."
        )
    for name, titles in low.items():
        verb = "was" if len(titles) == 1 else "were"
        lines.append(f"Work on {join_words(titles)} {verb} rated {_quoted(name)}.")
    for standard in rating.standards:
        if not standard.standard.counted and (standard.rating or standard.decided_not_rated):
            shown = rating_word(standard, framework.rules.not_rated)
            lines.append(
                f"{standard.standard.title} was rated separately, as {_quoted(shown)}; it does "
                "not count towards the overall rating."
            )
    return lines


def _in_sentence(body: str) -> str:
    """'The Youth Justice Board' mid-sentence is 'the Youth Justice Board'."""
    return "the" + body[3:] if body.startswith("The ") else body


def _recommendations(results: ResultsFile) -> str | None:
    groups = group_recommendations(results)
    if not groups:
        return None
    per_body: dict[str, int] = {}
    for group in groups:
        per_body[group.addressee] = per_body.get(group.addressee, 0) + len(group.items)
    total = sum(per_body.values())
    parts = [f"{number_word(n)} to {_in_sentence(body)}" for body, n in per_body.items()]
    made = quantity(total, "recommendation", in_words=True)
    return f"The inspectorate has made {made}: {join_words(parts)}."


def _profile_note(results: ResultsFile) -> str | None:
    caseload = results.caseload
    if caseload is None:
        return None
    facts = []
    for variable, form in PROFILE_FACTS:
        counts = getattr(caseload, variable)
        if counts:
            category, count = max(counts.items(), key=lambda item: item[1])
            share = round(100 * count / sum(counts.values()))
            facts.append(f"{form.format(label(category).lower())} ({share}%)")
    if not facts:
        return None
    return f"Most children in the eligible caseload were {join_words(facts)}."


def build_press_release(
    rating: InspectionRating, results: ResultsFile, media_contact: str | None = None
) -> PressRelease:
    framework, service, inspection = rating.framework, rating.service, rating.inspection
    overall = rating.overall.rating
    free = results.press_release
    headline = (free.headline if free else None) or (
        f"{service.name} rated {_quoted(overall)} by {framework.publisher}"
        if overall
        else f"{service.name}: inspection findings from {framework.publisher}"
    )
    lead = (
        f"{service.name} has been given an overall rating of {_quoted(overall)} following an "
        f"inspection by {framework.publisher}."
        if overall
        else f"{service.name} has been inspected by {framework.publisher}."
    )
    paragraphs = [lead, *_standards_of_note(rating)]
    recommendations = _recommendations(results)
    if recommendations:
        paragraphs.append(recommendations)
    quotes = tuple((q.speaker, q.text) for q in free.quotes) if free else ()
    bands = [_quoted(name) for name in framework.rating_names]
    where = f" at {free.report_url}" if free and free.report_url else ""
    published = long_date(inspection.publication_date)
    notes = [
        f"The report is available{where} at 00.01 on {published}."
        if published
        else "The publication date has not been set.",
        f"Youth offending services supervise children aged {AGE_RANGE[0]} to {AGE_RANGE[1]} who "
        "have been sentenced by a court, or who have been dealt with out of court for their "
        "offending.",
        f"The inspection looked at {join_words([d.title.lower() for d in framework.domains])}.",
        f"The inspectorate rates each standard, and each service overall, on a "
        f"{number_word(len(bands))}-point scale: {join_words(bands)}.",
    ]
    if inspection.fieldwork_start:
        notes.append(
            f"Fieldwork for this inspection took place in {month(inspection.fieldwork_start)}."
        )
    profile = _profile_note(results)
    if profile:
        notes.append(profile)
    contact = (free.media_contact if free else None) or media_contact
    notes.append(f"Media enquiries: {contact}." if contact else "Media contact: not yet set.")
    return PressRelease(headline, tuple(paragraphs), quotes, tuple(notes))


def press_release_markdown(release: PressRelease) -> str:
    return render("press_release.md.j2", release=release, missing_quote=MISSING_QUOTE)


def press_release_text(release: PressRelease, width: int = 88) -> str:
    """Plain text for email: wrapped paragraphs, no markup, no control characters."""
    lines = [release.headline, "", *(fill(p, width) + "\n" for p in release.paragraphs)]
    if release.quotes:
        lines += [
            fill(f"{speaker} said: “{words}”", width) + "\n" for speaker, words in release.quotes
        ]
    else:
        lines += [MISSING_QUOTE, ""]
    lines += ["ENDS", "", "Notes to editors", ""]
    lines += [
        fill(f"{n}. {note}", width, subsequent_indent="   ")
        for n, note in enumerate(release.notes, 1)
    ]
    return plain_text("\n".join(lines) + "\n")


PRESS_MEDIA_TYPES = {
    PressFormat.md: "text/markdown; charset=utf-8",
    PressFormat.txt: "text/plain; charset=utf-8",
}


def render_press_release(release: PressRelease, output: PressFormat) -> str:
    """The press release as Markdown, or as plain text for email."""
    if output is PressFormat.txt:
        return press_release_text(release)
    return press_release_markdown(release)
