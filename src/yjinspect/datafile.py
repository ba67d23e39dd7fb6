"""Reading the YAML and JSON files users write: frameworks and results files.

Ids such as `1.1` or `3.4` must stay strings and `yes` / `no` must stay words, so the loader
drops YAML 1.1's float and boolean guessing. Each problem can then be traced back to a line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from yjinspect.errors import InputError, Location, Problem


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves `1.1`, `yes` and `no` as strings."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass(frozen=True)
class DataFile:
    """A parsed file and the means to find the line of any place in it."""

    path: Path
    data: Any
    _root: yaml.Node | None

    def line_of(self, location: Location) -> int | None:
        """The 1-based line where `location` is written, or the nearest enclosing one."""
        node, line = self._root, None
        for part in location:
            if node is None:
                break
            line = node.start_mark.line + 1
            node = _child(node, part)
        if node is not None:
            line = node.start_mark.line + 1
        return line

    def problem(self, location: Location, message: str) -> Problem:
        return Problem(location, message, self.line_of(location))


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(part):
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


def _parse_yaml(path: Path, text: str) -> tuple[Any, yaml.Node | None]:
    """Compose the node tree once: it gives both the data and the line of every place."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark is not None else None
        raise InputError.single(path, f"malformed YAML: {reason}", line=line) from None
    finally:
        loader.dispose()


def _parse_json(path: Path, text: str) -> tuple[Any, yaml.Node | None]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.single(path, f"malformed JSON: {exc.msg}", line=exc.lineno) from None
    try:
        return data, yaml.compose(text, Loader=_Loader)  # JSON is YAML: reuse it for lines
    except yaml.YAMLError:
        return data, None


def load_data_file(path: str | Path) -> DataFile:
    """Parse a YAML or JSON file, raising `InputError` for a missing or malformed one."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single(path, "no such file") from None
    except IsADirectoryError:
        raise InputError.single(path, "is a folder, not a file") from None
    except UnicodeDecodeError as exc:
        raise InputError.single(path, f"is not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise InputError.single(path, exc.strerror or str(exc)) from None
    if path.suffix.lower() == ".json":
        data, root = _parse_json(path, text)
    else:
        data, root = _parse_yaml(path, text)
    if not isinstance(data, dict):
        raise InputError.single(path, "expected a mapping of fields at the top level")
    return DataFile(path, data, root)
