"""Uploaded files are read by the same core functions as files on disk."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from yjinspect.errors import InputError


def read_upload(upload: UploadedFile) -> tuple[str, bytes]:
    """The upload's name and content; one larger than YJINSPECT_MAX_UPLOAD_MB is refused
    before it is read, so that no upload can hold the server's memory or a worker's time."""
    name = Path(upload.name or "upload").name
    limit = settings.YJINSPECT_MAX_UPLOAD_MB
    if upload.size is not None and upload.size > limit * 1024 * 1024:
        raise InputError.single(
            name,
            f"is {upload.size / 1024 / 1024:.1f} MB; the largest file accepted is {limit:g} MB "
            "(the YJINSPECT_MAX_UPLOAD_MB setting)",
        )
    return name, upload.read()


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
