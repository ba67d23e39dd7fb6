"""Results files: an inspection's evidence, checked against its framework."""

from yjinspect.results.evidence import Evidence, RatedEvidence, ScoredEvidence
from yjinspect.results.loader import LoadedResults, load_results
from yjinspect.results.schema import ResultsFile

__all__ = [
    "Evidence",
    "LoadedResults",
    "RatedEvidence",
    "ResultsFile",
    "ScoredEvidence",
    "load_results",
]
