"""Write a results file: the form `yjinspect rate` reads, from evidence held elsewhere."""

from __future__ import annotations

import textwrap
from typing import Any

import yaml

from yjinspect.results.schema import ResultsFile


def results_data(results: ResultsFile) -> dict[str, Any]:
    """Plain data for YAML or JSON, leaving out what is empty."""
    return results.model_dump(mode="json", exclude_defaults=True)


def dump_results(results: ResultsFile, note: str = "") -> str:
    """The results file as YAML; ids are quoted so that `1.1` stays text when read back.
    A `note` heads the file as YAML comments, for the people reading it."""
    comment = "".join(f"# {line}\n" for line in textwrap.wrap(note, 94))
    return comment + yaml.safe_dump(results_data(results), sort_keys=False, allow_unicode=True)
