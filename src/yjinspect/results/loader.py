"""Load a results file together with its framework and checked evidence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yjinspect.datafile import DataFile, load_data_file
from yjinspect.errors import InputError
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


def load_caseload(path: str | Path) -> Caseload:
    """The caseload profile from a sampling-report.json written by `yjinspect sample`."""
    source = load_data_file(path)
    if not isinstance(source.data, dict) or "caseload" not in source.data:
        raise InputError.single(source.path, "has no caseload profile; is it a sampling report?")
    return validate_model(Caseload, source.data["caseload"], source, ("caseload",))


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
    results = validate_model(ResultsFile, source.data, source)
    if sampling_report is not None:
        results = results.model_copy(update={"caseload": load_caseload(sampling_report)})
    if isinstance(framework, Framework):
        chosen = framework
    elif framework is not None:
        chosen = load_framework(framework)
    else:
        try:
            chosen = load_framework(results.framework, relative_to=source.path.parent)
        except UnknownFramework as exc:
            problems = [
                source.problem(("framework",), f"'{exc.file}' is {p.message}") for p in exc.problems
            ]
            raise InputError(source.path, problems) from None
    return LoadedResults(source, results, chosen, gather_evidence(results, chosen, source))
