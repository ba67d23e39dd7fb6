"""Reading the YAML and JSON files users write: frameworks and results files.

Ids such as `1.1` or `3.4` must stay strings and `yes` / `no` must stay words, so the loader
drops YAML 1.1's float and boolean guessing. Each problem can then be traced back to a line.
"""

from __future__ import annotations

import gc
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from yjinspect.errors import InputError, Location, Problem, raise_if_any
from yjinspect.files import NUL, NUL_MESSAGE, read_text


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves `1.1`, `yes` and `no` as strings, and refuses aliases.

    An alias repeats a node by reference: nine nested levels of ten make a billion values
    from a kilobyte of text. Results, framework and profile files never need one.
    """

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None,
                None,
                "an alias (*name) repeats another part of the file; write the values out",
                event.start_mark,
            )
        return super().compose_node(parent, index)  # type: ignore[misc]


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
# Whole numbers as people write them: YAML 1.1 would also read 1:30 as 90, 0x29 as 41 and
# 017 as 15; those stay text, so a count written so is refused, never silently misread.
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same reading done by libyaml, in C: for a text with no alias (no `*` anywhere), so
    that nothing is lost by its composing nodes out of our reach. Any error is reported by
    `_Loader`, in its words."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


_pauses = 0  # readings under way, in any thread
_resume = True  # whether the collector ran before the first of them
_pauses_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold Python's cyclic garbage collector off while a data file is read and checked (usable
    as a decorator). Reading makes many small objects (nodes, mappings, problems) that all live
    until it ends; the collector scanning them over and over frees nothing, and took half the
    time of a file with 30,000 problems, growing faster than the file
    (`benchmarks/file_problems.py`). Reference counting still frees what is dropped. Pauses nest
    and overlap across threads: the collector resumes when the last ends, unless it was already
    stopped before the first began."""
    global _pauses, _resume
    with _pauses_lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


@dataclass(frozen=True)
class DataFile:
    """A parsed file and the means to find the line of any place in it."""

    path: Path
    data: Any
    # The node tree, or (for JSON) the means to compose it when a line is first looked up:
    # a file without problems is never composed.
    _root: yaml.Node | Callable[[], yaml.Node | None] | None
    _composed: dict[str, yaml.Node | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # Each mapping's keys, indexed the first time a place inside it is looked up: a file with
    # 30,000 problems in one mapping took 94 s when every lookup scanned the mapping.
    _keys: dict[int, dict[str, yaml.Node]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def line_of(self, location: Location) -> int | None:
        """The 1-based line where `location` is written, or the nearest enclosing one."""
        node, line = self._tree(), None
        for part in location:
            if node is None:
                break
            line = node.start_mark.line + 1
            node = self._child(node, part)
        if node is not None:
            line = node.start_mark.line + 1
        return line

    def _tree(self) -> yaml.Node | None:
        if not callable(self._root):
            return self._root
        if "root" not in self._composed:
            self._composed["root"] = self._root()
        return self._composed["root"]

    def problem(self, location: Location, message: str) -> Problem:
        return Problem(location, message, self.line_of(location))

    def _child(self, node: yaml.Node, part: str | int) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = self._keys[id(node)] = {}
                for key, value in node.value:
                    keys.setdefault(str(key.value), value)
            return keys.get(str(part))
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            return node.value[part]
        return None


def _duplicate_keys(node: yaml.Node | None, location: Location = ()) -> Iterator[Problem]:
    """A key written twice in one mapping, at any depth: a reader sees both, and YAML and JSON
    loaders silently keep only the later one."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name, line = str(key.value), key.start_mark.line + 1
            if name in seen:
                yield Problem(
                    location,
                    f"'{name}' is written twice (first on line {seen[name]}); keep one",
                    line,
                )
            seen.setdefault(name, line)
            yield from _duplicate_keys(value, (*location, name))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, (*location, index))


def _first(exc: Exception) -> str:
    """The error's own words, without Python's advice on raising its limits."""
    return str(exc).split(": value has")[0].split("; use sys.")[0]


# Deeper than any framework or results file; within what the Python reader composes before
# Python's recursion limit says "nested too deeply".
_DEEPEST = 200


def _nested_deeper_than(text: str, limit: int) -> bool:
    """Whether collections nest more than `limit` deep (or the text is malformed), counted on
    libyaml's events, which it parses without recursing: libyaml composes nodes by recursing in
    C, and 100,000 brackets crashed the whole process before Python's recursion limit fired."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FastLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limit:
                    return True
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return True  # said by the Python reader, in its words
    return False


def _parse_yaml(path: Path, text: str) -> tuple[Any, yaml.Node | None]:
    """Compose the node tree once: it gives both the data and the line of every place."""
    if "*" not in text and not _nested_deeper_than(text, _DEEPEST):
        loader = _FastLoader(text)
        try:
            root = loader.get_single_node()
            if root is not None and not any(_duplicate_keys(root)):
                return loader.construct_document(root), root
        except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
            pass  # said below, as ever
        finally:
            loader.dispose()
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        raise_if_any(path, _duplicate_keys(root))
        return (loader.construct_document(root) if root is not None else None), root
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark is not None else None
        raise InputError.single(path, f"malformed YAML: {reason}", line=line) from None
    except RecursionError:
        raise InputError.single(path, "is nested too deeply to be a data file") from None
    except (ValueError, OverflowError) as exc:  # a date or number no calendar or count holds
        raise InputError.single(path, f"holds a value that cannot be read: {_first(exc)}") from None
    finally:
        loader.dispose()


def _parse_json(path: Path, text: str) -> tuple[Any, Callable[[], yaml.Node | None]]:
    """The data, and the means to compose its node tree for lines (JSON is YAML), which is
    done only when a line is looked up or a key is written twice: composing 20,000 cases took
    110 s in Python's composer (2 s in libyaml's, JSON having no aliases)."""
    duplicated = False

    def mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicated
        found = dict(pairs)
        duplicated = duplicated or len(found) != len(pairs)
        return found

    try:
        data = json.loads(text, object_pairs_hook=mapping)
    except json.JSONDecodeError as exc:
        raise InputError.single(path, f"malformed JSON: {exc.msg}", line=exc.lineno) from None
    except RecursionError:
        raise InputError.single(path, "is nested too deeply to be a data file") from None
    except ValueError as exc:  # a number too long to read
        raise InputError.single(path, f"holds a value that cannot be read: {_first(exc)}") from None
    if duplicated:
        raise_if_any(path, _duplicate_keys(_json_nodes(text)))
    return data, lambda: _json_nodes(text)


def _json_nodes(text: str) -> yaml.Node | None:
    """A JSON text's node tree, composed by libyaml once its depth is checked (as for YAML);
    None where it cannot be (lines are then not given)."""
    if _nested_deeper_than(text, _DEEPEST):
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def load_data_file(path: str | Path) -> DataFile:
    """Parse a YAML or JSON file, raising `InputError` for a missing or malformed one."""
    path = Path(path)
    text, _ = read_text(path)
    if path.suffix.lower() == ".json":
        data, root = _parse_json(path, text)
    else:
        data, root = _parse_yaml(path, text)
    if not isinstance(data, dict):
        raise InputError.single(
            path,
            "is not a results or framework file: expected YAML or JSON fields at the top level",
        )
    loaded = DataFile(path, data, root)
    # A NUL byte is refused as the text is read; in the data it comes only from an escape.
    if ("\\u0000" if path.suffix.lower() == ".json" else "\\") in text:
        raise_if_any(path, (loaded.problem(place, NUL_MESSAGE) for place in _nul_places(data)))
    return loaded


def _nul_places(data: Any) -> Iterator[Location]:
    """Where a key or text holds a NUL character (written as an escape: `\\0`, `\\u0000`).
    Walked with a list, not by recursing: a JSON file may nest as deep as Python's limit."""
    stack: list[tuple[Location, Any]] = [((), data)]
    while stack:
        location, value = stack.pop()
        if isinstance(value, dict):
            for key, inner in value.items():
                if isinstance(key, str) and NUL in key:
                    yield location
                stack.append(((*location, key), inner))
        elif isinstance(value, list):
            stack.extend(((*location, index), item) for index, item in enumerate(value))
        elif isinstance(value, str) and NUL in value:
            yield location
