"""The press release draft: facts generated from the rating, quotes only as the lead wrote them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from textwrap import fill

from yjinspect.frameworks.schema import RatedFramework
from yjinspect.ratings.engine import InspectionRating
from yjinspect.ratings.standards import StandardRating
from yjinspect.reporting.escape import plain_text
from yjinspect.reporting.formats import PressFormat
from yjinspect.reporting.inspection import band_of, group_recommendations, sample_streams
from yjinspect.reporting.render import render
from yjinspect.reporting.words import (
    as_modifier,
    join_words,
    label,
    long_date,
    month,
    number_word,
    quantity,
    rating_word,
)
from yjinspect.results.schema import ResultsFile
from yjinspect.results.tally import whole_percent
from yjinspect.vocabulary import AGE_RANGE

MISSING_QUOTE = "[No quote has been entered yet: the lead inspector writes the quotes.]"
PROFILE_FACTS = (("age", "aged {}"), ("gender", "{}"), ("ethnicity", "{}"))


@dataclass(frozen=True)
class PressRelease:
    headline: str
    paragraphs: tuple[str, ...]  # the generated paragraphs, without the quotes
    quotes: tuple[tuple[str, str], ...]  # speaker, words
    notes: tuple[str, ...]
    attributions: tuple[str, ...] = ()  # 'Name, role, said:' for each quote

    @property
    def body(self) -> tuple[str, ...]:
        """The release as published ones run: the lead paragraph, the first quote (or the
        placeholder for it) second, then the facts, then any further quotes."""
        quoted = [
            f"{said} “{words}”"
            for said, (_, words) in zip(self.attributions, self.quotes, strict=True)
        ]
        first = quoted[0] if quoted else MISSING_QUOTE
        lead, *rest = self.paragraphs
        return (lead, first, *rest, *quoted[1:])


def _quoted(rating: str) -> str:
    return f"‘{rating}’"


def _names(framework: RatedFramework, standards: list[StandardRating]) -> list[str]:
    """Standards as a person writes them: by title, and where two domains share a title,
    with the domain ('assessment and planning for out-of-court disposals')."""
    titles = Counter(standard.title.lower() for _, standard in framework.standards())
    names: list[str] = []
    for _, group in groupby(standards, key=lambda s: s.domain.id):
        rated = list(group)
        shared = [s.standard.title.lower() for s in rated if titles[s.standard.title.lower()] > 1]
        names += [s.standard.title.lower() for s in rated if titles[s.standard.title.lower()] == 1]
        if shared:
            names.append(f"{join_words(shared)} for {rated[0].domain.title.lower()}")
    return names


def _standards_of_note(rating: InspectionRating) -> list[str]:
    """The best-rated standards, and any rated in the lower half of the scale."""
    framework = rating.framework
    bands = len(framework.rating_names)
    rated = [(s, band_of(framework, s.rating)) for s in rating.standards if s.standard.counted]
    top = [s for s, band in rated if band == 1]
    lines = []
    if top:
        best = framework.rating_names[0]
        whole = [
            domain
            for domain in framework.domains
            if (members := [s for s, _ in rated if s.domain.id == domain.id])
            and all(s in top for s in members)
        ]
        of = f"{number_word(len(top))} of the {number_word(len(rated))} standards"
        if whole:
            including = join_words(
                [
                    f"all {number_word(len(d.standards))} {as_modifier(d.title)} standards"
                    if len(d.standards) > 1
                    else f"the {as_modifier(d.title)} standard"
                    for d in whole
                ]
            )
            lines.append(f"Inspectors rated {of} {_quoted(best)}, including {including}.")
        elif len(top) > 3:
            including = join_words(_names(framework, top)[:3])
            lines.append(f"Inspectors rated {of} {_quoted(best)}, including {including}.")
        else:  # few enough to name them all, where 'including' would say there are more
            lines.append(
                f"Inspectors rated {of} {_quoted(best)}: {join_words(_names(framework, top))}."
            )
    low: dict[str, list[StandardRating]] = {}
    for standard, band in rated:
        if band is not None and band > bands // 2:
            low.setdefault(standard.rating or "", []).append(standard)
    for name, standards in low.items():  # 'work ... was rated', however many standards
        lines.append(
            f"Work on {join_words(_names(framework, standards))} was rated {_quoted(name)}."
        )
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
            share = whole_percent(count, sum(counts.values()))
            facts.append(f"{form.format(label(category).lower())} ({share}%)")
    if not facts:
        return None
    return f"Most children in the eligible caseload were {join_words(facts)}."


def _size_note(rating: InspectionRating, results: ResultsFile) -> str | None:
    """The service's size where the results show it: the eligible caseload and the sample."""
    parts = []
    if results.caseload is not None:
        totals = [sum(counts.values()) for _, counts in results.caseload.variables()]
        if totals:
            parts.append(
                f"The eligible caseload from which the inspected cases were drawn numbered "
                f"{quantity(max(totals), 'child', 'children')}."
            )
    streams = [s for s in sample_streams(rating, results) if s.cases]
    if streams:
        cases = join_words([f"{s.cases} {as_modifier(s.domain)} cases" for s in streams])
        parts.append(f"Inspectors examined {cases}.")
    return " ".join(parts) or None


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
    attributions = tuple(
        f"{q.speaker}, {q.role}, said:" if q.role else f"{q.speaker} said:"
        for q in (free.quotes if free else ())
    )
    bands = [_quoted(name) for name in framework.rating_names]
    where = f" at {free.report_url}" if free and free.report_url else ""
    published = long_date(inspection.publication_date)
    notes = [
        f"The report is available{where} at 00.01 on {published}."
        if published
        else "The publication date has not been set.",
        *((framework.texts.inspectorate,) if framework.texts.inspectorate else ()),
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
    notes += [note for note in (_profile_note(results), _size_note(rating, results)) if note]
    contact = (free.media_contact if free else None) or media_contact
    notes.append(f"Media enquiries: {contact}." if contact else "Media contact: not yet set.")
    return PressRelease(headline, tuple(paragraphs), quotes, tuple(notes), attributions)


def press_release_markdown(release: PressRelease) -> str:
    return render("press_release.md.j2", release=release, missing_quote=MISSING_QUOTE)


def press_release_text(release: PressRelease, width: int = 88) -> str:
    """Plain text for email: wrapped paragraphs, no markup, no control characters."""
    lines = [release.headline, "", *(fill(p, width) + "\n" for p in release.body)]
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
