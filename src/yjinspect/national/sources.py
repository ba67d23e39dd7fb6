"""Read the sources of a national picture: results files, folders of them, and result CSVs.

Results files are checked whole by `results.load_results` and rated with the engine's rules on
arrays (`vectorised`); a file that asks for professional discretion is rated by the engine
itself, which checks each request against the evidence. A bad file refuses the whole run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from yjinspect.datafile import load_data_file
from yjinspect.errors import InputError
from yjinspect.frameworks import bundled_frameworks
from yjinspect.frameworks.schema import RatedFramework
from yjinspect.national.data_to_insight import is_data_to_insight, read_data_to_insight
from yjinspect.national.model import (
    NONE,
    About,
    DataProblem,
    RatedSet,
    overall_names,
    question_ids,
)
from yjinspect.national.published import FrameworkResolver, read_published
from yjinspect.national.table import read_rows
from yjinspect.national.vectorised import empty_judgements, rate_arrays
from yjinspect.ratings import rate
from yjinspect.ratings.engine import InspectionRating
from yjinspect.results import LoadedResults, RatedEvidence, load_results

RESULTS_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class National:
    """Every inspection read, by framework id, and what was left out or repaired."""

    sets: dict[str, RatedSet]
    problems: tuple[DataProblem, ...]

    @property
    def inspections(self) -> int:
        return sum(len(rated) for rated in self.sets.values())


def not_a_source(path: Path) -> str | None:
    """Why a file found in a folder is of a kind the picture does not read (a population
    export, a mapping profile, published Core Case Inspection scores), or None. A file of a
    kind it reads is then read whole, and stops the run if it cannot be used."""
    if path.suffix.lower() == ".csv":
        header, _ = read_rows(path)
        if is_data_to_insight(header) or "framework" in header:
            return None
        return (
            "not a published-results CSV or the data-to-insight scrape (it has no framework "
            "or la_name column)"
        )
    data = load_data_file(path).data
    if "framework" in data and "service" in data:
        return None
    return "not a results file (it has no framework and service at the top level)"


def _files(paths: Iterable[Path], problems: list[DataProblem]) -> list[Path]:
    """Each file once, however often it is given (directly and in a folder): a file counted
    twice would count its inspections twice. A folder's files of other kinds are skipped, one
    problem each; a file named on its own is always read."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            inside = []
            for file in sorted(path.iterdir()):
                if file.suffix.lower() not in (*RESULTS_SUFFIXES, ".csv"):
                    continue
                if why := not_a_source(file):
                    problems.append(DataProblem(str(file), None, None, f"skipped: {why}"))
                else:
                    inside.append(file)
        elif path.exists():
            inside = [path]
        else:
            raise InputError.single(path, "does not exist")
        for file in inside:
            if file.resolve() in seen:
                problems.append(DataProblem(str(file), None, None, "given twice: counted once"))
                continue
            seen.add(file.resolve())
            found.append(file)
    return found


def read_sources(paths: Sequence[str | Path], resolve: FrameworkResolver | None = None) -> National:
    """All sources, all or nothing: raises `InputError` for the first file that cannot be used.
    `resolve` names the frameworks of published-results CSVs (see `read_published`)."""
    parts: dict[str, list[RatedSet]] = defaultdict(list)
    frameworks: dict[str, RatedFramework] = {}
    problems: list[DataProblem] = []
    loaded: list[LoadedResults] = []
    rated = [f for f in bundled_frameworks() if isinstance(f, RatedFramework)]
    for path in _files((Path(p) for p in paths), problems):
        if path.suffix.lower() == ".csv":
            header, _ = read_rows(path)
            if is_data_to_insight(header):
                sets, notes = read_data_to_insight(path, rated)
                problems += notes
            else:
                sets = read_published(path, resolve)
            for framework_id, part in sets.items():
                frameworks.setdefault(framework_id, part.framework)
                parts[framework_id].append(part)
            continue
        results = load_results(path)
        if not isinstance(results.framework, RatedFramework):
            problems.append(
                DataProblem(
                    str(path),
                    None,
                    "framework",
                    f"{results.framework.id} is a scored framework; the national picture "
                    "counts rated frameworks: left out",
                )
            )
            continue
        loaded.append(results)
    for framework_id, part in rate_results(loaded).items():
        frameworks.setdefault(framework_id, part.framework)
        parts[framework_id].append(part)
    sets = {fid: RatedSet.concat(frameworks[fid], found) for fid, found in parts.items()}
    return National(sets, tuple(problems))


def _about(loaded: LoadedResults) -> About:
    service, inspection = loaded.results.service, loaded.results.inspection
    return About(
        service.name, inspection.publication_date, str(loaded.source.path), None, service.type
    )


def rate_results(loaded: Sequence[LoadedResults]) -> dict[str, RatedSet]:
    """Rate checked results files: on arrays, or by the engine where discretion is asked for."""
    by_framework: dict[str, list[LoadedResults]] = defaultdict(list)
    for results in loaded:
        by_framework[results.framework.id].append(results)
    sets = {}
    for framework_id, group in by_framework.items():
        framework = group[0].framework
        assert isinstance(framework, RatedFramework)
        plain = [r for r in group if not r.results.discretion]
        judged = [r for r in group if r.results.discretion]
        sets[framework_id] = RatedSet.concat(
            framework, [_rate_on_arrays(framework, plain), _rate_by_engine(framework, judged)]
        )
    return sets


def _rate_on_arrays(framework: RatedFramework, group: Sequence[LoadedResults]) -> RatedSet:
    questions = question_ids(framework)
    yes = np.zeros((len(group), len(questions)), np.int64)
    applicable = np.zeros_like(yes)
    judgements = empty_judgements(framework, len(group))
    standard_column = {s.id: i for i, (_, s) in enumerate(framework.standards())}
    for row, results in enumerate(group):
        evidence = results.evidence
        assert isinstance(evidence, RatedEvidence)
        for column, question in enumerate(questions):
            tally = evidence.tallies.get(question)
            if tally is not None:
                yes[row, column], applicable[row, column] = tally.yes, tally.applicable
        for standard_id, rating in evidence.judgements.items():
            if rating is not None:
                judgements[row, standard_column[standard_id]] = framework.rating_names.index(rating)
    rated = rate_arrays(framework, yes, applicable, judgements)
    return RatedSet(
        framework,
        tuple(_about(results) for results in group),
        rated.standards,
        rated.overall,
        rated.scores,
        rated.key_questions,
    )


def engine_codes(rating: InspectionRating) -> tuple[list[int], int, int, list[int]]:
    """An engine rating as codes: standards, overall, score and key question bands."""
    framework = rating.framework
    names = framework.rating_names
    standards = [names.index(s.rating) if s.rating else NONE for s in rating.standards]
    overall = rating.overall.rating
    bands = {
        result.id: names.index(result.band) if result.band else NONE
        for standard in rating.standards
        for result in standard.key_questions
    }
    return (
        standards,
        overall_names(framework).index(overall) if overall else NONE,
        NONE if rating.overall.score is None else rating.overall.score,
        [bands.get(question, NONE) for question in question_ids(framework)],
    )


def _rate_by_engine(framework: RatedFramework, group: Sequence[LoadedResults]) -> RatedSet:
    ratings = []
    for results in group:
        rating = rate(results)
        assert isinstance(rating, InspectionRating)
        ratings.append((_about(results), rating))
    return from_engine_ratings(framework, ratings)


def from_engine_ratings(
    framework: RatedFramework, rated: Sequence[tuple[About, InspectionRating]]
) -> RatedSet:
    """Inspections the engine has rated (discretion applied), as codes."""
    if not rated:
        return RatedSet.empty(framework)
    codes = [engine_codes(rating) for _, rating in rated]
    return RatedSet(
        framework,
        tuple(about for about, _ in rated),
        np.array([c[0] for c in codes], np.int8),
        np.array([c[1] for c in codes], np.int8),
        np.array([c[2] for c in codes], np.int16),
        np.array([c[3] for c in codes], np.int8),
    )


def combine(parts: Sequence[National]) -> National:
    """Several sources read separately (each file all or nothing) as one set of inspections."""
    frameworks: dict[str, RatedFramework] = {}
    found: dict[str, list[RatedSet]] = defaultdict(list)
    for part in parts:
        for framework_id, rated in part.sets.items():
            frameworks.setdefault(framework_id, rated.framework)
            found[framework_id].append(rated)
    return National(
        {fid: RatedSet.concat(frameworks[fid], found[fid]) for fid in sorted(found)},
        tuple(problem for part in parts for problem in part.problems),
    )
