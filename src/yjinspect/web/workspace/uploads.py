"""Uploaded files are read by the same core functions as files on disk."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from yjinspect.errors import InputError


@contextmanager
def uploads() -> Iterator[Callable[[str, bytes], Path]]:
    """Save uploads in a temporary folder under their own names (so their endings still say
    YAML, JSON, CSV or Excel); an error names the upload, not the temporary path."""
    with tempfile.TemporaryDirectory() as folder:

        def save(name: str, content: bytes) -> Path:
            path = Path(folder) / (Path(name).name or "upload")
            path.write_bytes(content)
            return path

        try:
            yield save
        except InputError as exc:
            exc.file = Path(exc.file).name
            raise
