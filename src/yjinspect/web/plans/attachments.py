"""Files attached to progress updates: small, of a few kinds, checked by their first bytes as
well as their name, and only ever served as a download (`Content-Disposition: attachment`)."""

from __future__ import annotations

import re
from pathlib import PurePath

MAX_BYTES = 2 * 1024 * 1024

# Suffix -> (content type, how its first bytes start; None for text, which must be UTF-8).
ALLOWED: dict[str, tuple[str, bytes | None]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ".txt": ("text/plain; charset=utf-8", None),
    ".csv": ("text/csv; charset=utf-8", None),
}


class Refused(ValueError):
    """Why a file cannot be attached, in words for the page."""


def safe_name(name: str) -> str:
    """The file's own name without folders or characters a download header cannot carry."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9 ._()-]", "_", base).strip(" .")[:100]
    return cleaned or "attachment"


def check(name: str, content: bytes) -> tuple[str, str]:
    """The safe name and content type of an acceptable file; raises Refused otherwise."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED:
        kinds = ", ".join(s.lstrip(".").upper() for s in ALLOWED)
        raise Refused(f"{safe_name(name)} cannot be attached: attach one of {kinds}.")
    if len(content) > MAX_BYTES:
        raise Refused(f"{safe_name(name)} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    if not content:
        raise Refused(f"{safe_name(name)} is empty.")
    kind, magic = ALLOWED[suffix]
    if magic is None:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(f"{safe_name(name)} is not UTF-8 text.") from None
    elif not content.startswith(magic):
        raise Refused(f"{safe_name(name)} is not a {suffix.lstrip('.').upper()} file.")
    return safe_name(name), kind
