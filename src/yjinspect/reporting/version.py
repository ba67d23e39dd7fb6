"""The renderer's version: what a stored rendering of a report depends on besides its data."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import yjinspect

_PACKAGE = Path(yjinspect.__file__).resolve().parent
_SOURCES = ("*.py", "*.j2", "*.yaml", "*.css", "*.svg")


@cache
def renderer_version() -> str:
    """A hex digest over yjinspect's version and every source file, template and bundled
    framework in the package, so a rendering made by other code is never taken for this code's.
    Computed once per process (about 200 files)."""
    digest = hashlib.sha256(yjinspect.__version__.encode())
    for pattern in _SOURCES:
        for path in sorted(_PACKAGE.rglob(pattern)):
            digest.update(str(path.relative_to(_PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
