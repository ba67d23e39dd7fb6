"""Benchmark: how fast everyday commands start, against a process that only loads pydantic and
PyYAML.

Target (issue "Fast and lean"): `yjinspect rate examples/essex-2018.yaml` and `yjinspect --help`,
each run as a process, in no more than 2.5x the wall time of a Python process that imports
pydantic (its BaseModel: `import pydantic` alone defers loading the library) and PyYAML,
measured side by side in one run (best of N, the commands taking turns).
Run:  python benchmarks/startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

RATIO_TARGET = 2.5
ROOT = Path(__file__).resolve().parent.parent


def yjinspect() -> list[str]:
    """The installed command beside this interpreter, as a user runs it."""
    script = shutil.which("yjinspect", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "yjinspect.cli"]


def commands() -> dict[str, list[str]]:
    return {
        "python: pydantic and PyYAML": [
            sys.executable, "-c", "import yaml; from pydantic import BaseModel"
        ],
        "python: import pydantic, yaml (lazy)": [sys.executable, "-c", "import pydantic, yaml"],
        "yjinspect --help": [*yjinspect(), "--help"],
        "yjinspect rate examples/essex-2018.yaml": [
            *yjinspect(), "rate", str(ROOT / "examples" / "essex-2018.yaml")
        ],
    }  # fmt: skip


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    runs = commands()
    for command in runs.values():  # warm the file cache and byte code
        seconds(command)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):  # take turns, so drift on the machine hits all alike
        for name, command in runs.items():
            times[name].append(seconds(command))
    best = {name: min(found) for name, found in times.items()}
    baseline_name, lazy_name, *ours = runs
    baseline = best[baseline_name]
    print(f"best of {args.rounds} wall times:")
    for name in runs:
        print(f"  {name:<42} {best[name]:.3f} s")
    met = True
    for name in ours:
        ratio = best[name] / baseline
        ok = ratio <= RATIO_TARGET
        met = met and ok
        print(
            f"{name}: {ratio:.2f}x pydantic and PyYAML (target <= {RATIO_TARGET}x): "
            f"{'met' if ok else 'NOT MET'}; {best[name] / best[lazy_name]:.2f}x the lazy import"
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
