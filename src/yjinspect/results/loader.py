"""Load a results file together with its framework and checked evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from yjinspect.datafile import DataFile, collector_paused, load_data_file
from yjinspect.errors import InputError, Problem, raise_if_any
from yjinspect.frameworks import Framework, load_framework
from yjinspect.frameworks.loader import UnknownFramework
from yjinspect.results.evidence import Evidence, gather_evidence
from yjinspect.results.narrative import Caseload
from yjinspect.results.schema import ResultsFile
from yjinspect.validation import validate_model


@dataclass(frozen=True)
class LoadedResults:
    source: DataFile
    results: ResultsFile
    framework: Framework
    evidence: Evidence


def load_caseload(path: str | Path, results: ResultsFile, framework: Framework) -> Caseload:
    """The caseload profile from a sampling-report.json written by `yjinspect sample`, refused
    if the report was drawn for another inspection: another framework, fieldwork start or
    service than the results file's (each compared where both files say it)."""
    source = load_data_file(path)
    if not isinstance(source.data, dict) or "caseload" not in source.data:
        raise InputError.single(source.path, "has no caseload profile; is it a sampling report?")
    raise_if_any(source.path, _other_inspection(source, results, framework))
    return validate_model(Caseload, source.data["caseload"], source, ("caseload",))


def _other_inspection(
    source: DataFile, results: ResultsFile, framework: Framework
) -> Iterator[Problem]:
    fieldwork = results.inspection.fieldwork_start
    theirs = {
        "framework": framework.id,
        "fieldwork_start": fieldwork.isoformat() if fieldwork else None,
        "service": results.service.name,
    }
    for key, written in theirs.items():
        drawn = source.data.get(key)
        if drawn is None or written is None or _same(drawn) == _same(written):
            continue
        yield source.problem(
            (key,),
            f"this sample was drawn for {key.replace('_', ' ')} '{drawn}', but the results "
            f"are for '{written}': is it another inspection's sampling report?",
        )


def _same(text: object) -> str:
    return " ".join(str(text).split()).casefold()


@collector_paused()
def load_results(
    path: str | Path,
    framework: str | Path | Framework | None = None,
    *,
    sampling_report: str | Path | None = None,
) -> LoadedResults:
    """Read, validate and tally a results file; `framework` (an id, a path, or a framework
    already loaded, as the workspace's uploaded ones are) overrides the one it names.

    A framework path written in the file is taken relative to the file itself. A sampling
    report, if given, supplies the caseload profile.
    """
    source = load_data_file(path)
    try:
        results = validate_model(ResultsFile, source.data, source)
    except InputError as schema:
        raise _with_evidence_problems(schema, source, framework) from None
    chosen = _framework(results, source, framework)
    if sampling_report is not None:
        caseload = load_caseload(sampling_report, results, chosen)
        results = results.model_copy(update={"caseload": caseload})
    return LoadedResults(source, results, chosen, gather_evidence(results, chosen, source))


def _framework(
    results: ResultsFile, source: DataFile, framework: str | Path | Framework | None
) -> Framework:
    if isinstance(framework, Framework):
        return framework
    if framework is not None:
        return load_framework(framework)
    try:
        return load_framework(results.framework, relative_to=source.path.parent)
    except UnknownFramework as exc:
        problems = [
            source.problem(("framework",), f"'{exc.file}' is {p.message}") for p in exc.problems
        ]
        raise InputError(source.path, problems) from None


def _with_evidence_problems(
    schema: InputError, source: DataFile, framework: str | Path | Framework | None
) -> InputError:
    """The schema's problems and, where the rest of the file can still be read, the evidence
    problems too, so that one run lists them all (in line order). The places the schema refused
    are left out and the rest checked; the evidence's own complaints about those places (or the
    sections holding them) are dropped, as the schema's problem already covers them."""
    refused = {problem.location[:2] for problem in schema.problems}
    rest = _without(source.data, refused)
    try:
        results = ResultsFile.model_validate(rest)
        gather_evidence(results, _framework(results, source, framework), source)
    except (ValidationError, InputError) as more:
        found = more.problems if isinstance(more, InputError) and more.file == source.path else []
    else:
        return schema
    inside = _inside_any(refused)
    covered = [problem for problem in found if not inside(problem.location)]
    problems = sorted([*schema.problems, *covered], key=lambda p: (p.line is None, p.line or 0))
    return InputError(source.path, problems)


def _without(data: dict, places: set[tuple]) -> dict:
    """`data` without the mapping entries at `places` (a place inside a list drops the whole
    top-level section: removing a list item would renumber the others). Linear in the places:
    30,000 of them in one file are refused in seconds."""
    rest = dict(data)
    dropped: dict[str, set[str]] = {}
    for place in places:
        if not place or place[0] not in rest:
            continue
        if len(place) == 1 or not isinstance(rest[place[0]], dict):
            rest.pop(place[0])
        else:
            dropped.setdefault(place[0], set()).add(str(place[1]))
    for section, keys in dropped.items():
        if section in rest:
            rest[section] = {k: v for k, v in rest[section].items() if str(k) not in keys}
    return rest


def _inside_any(places: set[tuple]) -> Callable[[tuple], bool]:
    """Whether a location is one of `places`, inside one, or a section holding one (compared as
    text), each asked in time that does not grow with the number of places."""
    refused = {tuple(map(str, place)) for place in places}
    holding = {place[:end] for place in refused for end in range(len(place))}

    def inside(location: tuple) -> bool:
        here = tuple(map(str, location))
        return here in holding or any(here[:end] in refused for end in range(len(here) + 1))

    return inside
