"""Frameworks as data: versioned YAML files validated against a typed schema at load time."""

from yjinspect.frameworks.loader import (
    bundled_frameworks,
    bundled_ids,
    load_framework,
    load_framework_file,
    sampling_framework_on,
)
from yjinspect.frameworks.schema import Framework, RatedFramework, ScoredFramework

__all__ = [
    "Framework",
    "RatedFramework",
    "ScoredFramework",
    "bundled_frameworks",
    "bundled_ids",
    "load_framework",
    "load_framework_file",
    "sampling_framework_on",
]
