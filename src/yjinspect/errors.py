"""Errors about user input: each names the file, the place in it and the problem.

Every error names what the user gave: a file's path, or else the framework id or address
they typed; never a placeholder. Problems are listed in the order of the file's lines.
Commands turn an `InputError` into one message and exit status 2, never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

Location = tuple[str | int, ...]

# C0 and C1 control characters but tab and line feed: what makes a terminal escape sequence.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def without_control_characters(text: str) -> str:
    """Text safe to print to a terminal or write as plain text: a value quoted from a file
    cannot clear the screen, retitle the window or plant a link."""
    return _CONTROL.sub("", text)


# Problems listed on a page or kept in a session message; the rest are counted.
SHOWN_PROBLEMS = 50


def format_location(location: Location) -> str:
    """Render a location as `domains[1].standards[2].id` or `key_questions["2.1.1"].yes`."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}" if text else part
        else:
            text += f'["{part}"]'
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, at a place inside it."""

    location: Location
    message: str
    line: int | None = None

    def describe(self, file: str | Path) -> str:
        where = f"{file}:{self.line}" if self.line is not None else str(file)
        place = format_location(self.location)
        return f"{where}: {place}: {self.message}" if place else f"{where}: {self.message}"


def in_line_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems about the whole file first, then by line; equal lines keep their order."""
    return sorted(problems, key=lambda p: (p.line is not None, p.line or 0))


class InputError(Exception):
    """A file the user gave cannot be used; nothing was done with it."""

    def __init__(self, file: str | Path, problems: Sequence[Problem]) -> None:
        """`file` is the path the user gave, or the id or address they typed."""
        if file is None:
            raise TypeError("an InputError names the file (or the id) the user gave")
        self.file = file
        self.problems = in_line_order(problems)
        super().__init__(self.describe())

    @classmethod
    def single(
        cls, file: str | Path, message: str, location: Location = (), line: int | None = None
    ) -> InputError:
        return cls(file, [Problem(location, message, line)])

    def describe(self, most: int | None = None) -> str:
        """Every problem, one a line; or the first `most` and how many more (for a page, or
        a message kept in the session, where 20,000 lines would not fit)."""
        shown = self.problems if most is None else self.problems[:most]
        lines = [without_control_characters(p.describe(self.file)) for p in shown]
        if len(self.problems) == 1:
            return lines[0]
        more = len(self.problems) - len(shown)
        if more:
            lines.append(f"and {more:,} more problem{'s' if more != 1 else ''}")
        return f"{len(self.problems):,} problems:\n" + "\n".join(f"  {line}" for line in lines)


def raise_if_any(file: str | Path, problems: Iterable[Problem]) -> None:
    """Raise one `InputError` listing every problem, if there are any."""
    found = list(problems)
    if found:
        raise InputError(file, found)
