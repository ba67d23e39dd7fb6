"""docs/command-line.md's table of commands says what `--help` says: each command's options,
and every choice of its `--format`."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any, get_args, get_type_hints

import pytest
import typer

from yjinspect.cli import app

DOC = Path(__file__).parents[2] / "docs" / "command-line.md"


def _commands() -> dict[str, Any]:
    """Every command by its full name ("population check"), as the command line builds it."""
    found: dict[str, Any] = {}

    def walk(group: Any, prefix: str) -> None:
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                walk(command, f"{prefix}{name} ")
            else:
                found[prefix + name] = command

    walk(typer.main.get_command(app), "")
    return found


def _rows() -> dict[str, str]:
    """Command name -> its synopsis in the table ("sample POPULATION --fieldwork-start ...")."""
    rows = {}
    for synopsis in re.findall(r"^\| `yjinspect (.+?)` \|", DOC.read_text(), re.MULTILINE):
        words = synopsis.replace("\\|", "|").split()
        name = " ".join(w for w in words[:2] if re.fullmatch(r"[a-z][a-z-]*", w))
        rows[name] = " ".join(words)
    return rows


COMMANDS = _commands()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_is_in_the_table_with_its_options_and_formats(name):
    rows = _rows()
    assert name in rows, f"{name} is missing from docs/command-line.md"
    synopsis = rows[name]
    for param in COMMANDS[name].params:
        if param.param_type_name != "option" or param.hidden or "--help" in param.opts:
            continue
        spellings = [*param.opts, *param.secondary_opts]  # --serve / --no-serve
        assert any(re.search(rf"{re.escape(o)}\b", synopsis) for o in spellings), (
            f"{name}: {param.opts[0]} is not in the table"
        )
        if param.opts[0] == "--format":
            written = re.search(r"--format ([a-z|]+)", synopsis)
            assert written, f"{name}: --format has no choices in the table"
            hint = get_type_hints(inspect.unwrap(COMMANDS[name].callback))[param.name]
            (choices,) = [t for t in (get_args(hint) or (hint,)) if t is not type(None)]
            assert written[1].split("|") == [str(choice) for choice in choices]
