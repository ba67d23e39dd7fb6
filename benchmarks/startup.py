"""Benchmark: how fast everyday commands start, against a process that only loads pydantic and
PyYAML.

Target (issue "Fast and lean"): `yjinspect rate examples/essex-2018.yaml` and `yjinspect --help`,
each run as a process, in no more than 2.5x the wall time of a Python process that imports
pydantic (its BaseModel: `import pydantic` alone defers loading the library) and PyYAML,
measured side by side in one run (best of N, the commands taking turns). The processes' CPU
time (user and system, best of N) is printed too: on a shared machine it varies less. yjinspect's
byte code is compiled first, as pip does when it installs a package: with PYTHONDONTWRITEBYTECODE
set (as on the development machine), an editable install would otherwise compile every module
on every run, which no installed copy does.
Run:  python benchmarks/startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import compileall
import resource
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


def seconds(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    runs = commands()
    compileall.compile_dir(ROOT / "src" / "yjinspect", quiet=1)
    for command in runs.values():  # warm the file cache and byte code
        seconds(command)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for _ in range(args.rounds):  # take turns, so drift on the machine hits all alike
        for name, command in runs.items():
            times[name].append(seconds(command))
    best = {name: min(wall for wall, _ in found) for name, found in times.items()}
    cpu = {name: min(cpu for _, cpu in found) for name, found in times.items()}
    baseline_name, lazy_name, *ours = runs
    baseline = best[baseline_name]
    print(f"{f'best of {args.rounds}:':<45}wall     CPU")
    for name in runs:
        print(f"  {name:<42} {best[name]:.3f} s  {cpu[name]:.3f} s")
    met = True
    for name in ours:
        ratio = best[name] / baseline
        ok = ratio <= RATIO_TARGET
        met = met and ok
        print(
            f"{name}: {ratio:.2f}x pydantic and PyYAML (target <= {RATIO_TARGET}x): "
            f"{'met' if ok else 'NOT MET'}; {best[name] / best[lazy_name]:.2f}x the lazy import; "
            f"CPU {cpu[name] / cpu[baseline_name]:.2f}x"
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
