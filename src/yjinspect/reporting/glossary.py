"""The glossary annex: terms as data, in yjinspect's own words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str


@cache
def glossary() -> tuple[GlossaryEntry, ...]:
    """Every entry, sorted by term."""
    text = files("yjinspect.reporting").joinpath("data/glossary.yaml").read_text("utf-8")
    entries = [GlossaryEntry(**entry) for entry in yaml.safe_load(text)]
    return tuple(sorted(entries, key=lambda entry: entry.term.lower()))
