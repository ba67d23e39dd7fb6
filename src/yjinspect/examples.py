"""The bundled examples (Essex 2018 and 2012 results, the demo population, a mapping profile).

In a wheel they sit inside the package; in a source checkout, in its examples/ folder.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def example(name: str) -> Path:
    """The path of a bundled example file."""
    for folder in (_HERE / "examples", _HERE.parents[1] / "examples"):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"example {name} is not bundled with this installation")
