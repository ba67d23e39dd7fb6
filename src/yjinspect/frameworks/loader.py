"""Find and load frameworks: the bundled ones by id, a user's own by path."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from yjinspect.datafile import DataFile, collector_paused, load_data_file
from yjinspect.errors import InputError, raise_if_any
from yjinspect.frameworks.checks import check_framework
from yjinspect.frameworks.schema import FRAMEWORK_KINDS, Framework
from yjinspect.validation import validate_model

BUNDLED_DIR = Path(__file__).parent / "data"


class UnknownFramework(InputError):
    """A framework reference that is neither a bundled id nor a file; names the reference."""


def bundled_ids() -> list[str]:
    """Ids of the frameworks shipped with yjinspect, in name order."""
    return sorted(path.stem for path in BUNDLED_DIR.glob("*.yaml"))


@collector_paused()
def load_framework_file(path: str | Path) -> Framework:
    """Load and validate one framework file; raise `InputError` naming every problem."""
    source = load_data_file(path)
    return framework_from_data(source)


def framework_from_data(source: DataFile) -> Framework:
    kind = source.data.get("kind")
    model = FRAMEWORK_KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise InputError(
            source.path,
            [
                source.problem(
                    ("kind",),
                    f"must be one of {', '.join(sorted(FRAMEWORK_KINDS))}, not {kind!r}",
                )
            ],
        )
    framework = validate_model(model, source.data, source)
    raise_if_any(
        source.path,
        (source.problem(location, message) for location, message in check_framework(framework)),
    )
    return framework


@cache
def _bundled(framework_id: str) -> Framework:
    return load_framework_file(BUNDLED_DIR / f"{framework_id}.yaml")


def load_framework(reference: str | Path, relative_to: Path | None = None) -> Framework:
    """Load a framework by bundled id, or from a path (relative to `relative_to` if given)."""
    text = str(reference)
    if text in bundled_ids():
        return _bundled(text)
    path = Path(text)
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    if path.suffix.lower() in (".yaml", ".yml", ".json") or path.exists():
        return load_framework_file(path)
    raise UnknownFramework.single(
        text,
        f"not a bundled framework ({', '.join(bundled_ids())}) nor a framework file",
    )


def bundled_frameworks() -> list[Framework]:
    return [_bundled(framework_id) for framework_id in bundled_ids()]


def sampling_framework_on(day: date) -> Framework:
    """The bundled framework with sampling rules in force on `day` (a fieldwork start), from
    each framework's `in_force` dates. Raises `InputError` if none is, or several are."""
    found = [f for f in bundled_frameworks() if f.sampling is not None and f.in_force.covers(day)]
    if len(found) == 1:
        return found[0]
    dates = "; ".join(
        f"{f.id} from {f.in_force.start}" + (f" to {f.in_force.end}" if f.in_force.end else "")
        for f in bundled_frameworks()
        if f.sampling is not None
    )
    problem = (
        f"several bundled frameworks are in force on {day} ({', '.join(f.id for f in found)})"
        if found
        else f"no bundled framework with sampling rules is in force on {day}"
    )
    raise InputError.single("--fieldwork-start", f"{problem}: {dates}; choose one with --framework")
